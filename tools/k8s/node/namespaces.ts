// The node's namespaces and cgroups, made and unmade: a holder process keeps a
// network and mount namespace of its own alive; at stop, everything that runs
// in it or in the node's cgroups is killed, the cgroups removed, and what is
// left behind, if anything, named.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile, readdir, readlink, rmdir } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { capture, type RunResult } from '../../lib/exec.ts';

export const cgroupRoot = '/sys/fs/cgroup';

/** A process alone in a new network and mount namespace (mounts private to it), answering its pid. */
export function startHolder(): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      'unshare',
      ['--net', '--mount', '--propagation', 'private', '--fork', '--', 'sh', '-c', 'echo $$; exec sleep infinity'],
      { stdio: ['ignore', 'pipe', 'inherit'], detached: true },
    );
    child.unref();
    child.once('error', reject);
    child.stdout.once('data', (chunk: Buffer) => {
      const pid = Number(chunk.toString().trim());
      if (pid > 0) resolve(pid);
      else reject(new Error(`the namespace holder said ${chunk.toString()}`));
    });
  });
}

/** The network namespace a process is in (`net:[inode]`), if it runs. */
export const netnsOf = (pid: number): Promise<string | undefined> => readLink(`/proc/${pid}/ns/net`);

/** SIGKILLs every process in network namespace `ns` (as netnsOf names it), `except` aside. */
export async function killNamespace(ns: string, except?: number): Promise<void> {
  for (const entry of await readdir('/proc')) {
    const pid = Number(entry);
    if (!pid || pid === except) continue;
    if ((await readLink(`/proc/${pid}/ns/net`)) === ns) signal(pid);
  }
  await sleep(200);
}

/** SIGKILLs every process in the node's cgroups (the pods' containers, in namespaces of their own). */
export async function killCgroups(cgroup: string): Promise<void> {
  for (let round = 0; round < 20; round++) {
    const pids = await cgroupProcs(join(cgroupRoot, 'pids', cgroup));
    if (!pids.length) return;
    for (const pid of pids) signal(pid);
    await sleep(200);
  }
}

export async function removeCgroups(cgroup: string): Promise<void> {
  for (const hierarchy of await readdir(cgroupRoot)) await removeTree(join(cgroupRoot, hierarchy, cgroup));
}

export async function cgroupsLeft(cgroup: string): Promise<string[]> {
  return (await readdir(cgroupRoot)).map((h) => join(cgroupRoot, h, cgroup)).filter((dir) => existsSync(dir));
}

export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function removeTree(dir: string): Promise<void> {
  if (!existsSync(dir)) return;
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    if (entry.isDirectory()) await removeTree(join(dir, entry.name));
  }
  await rmdir(dir).catch(() => undefined);
}

async function cgroupProcs(dir: string): Promise<number[]> {
  if (!existsSync(dir)) return [];
  const pids = (await readFile(join(dir, 'cgroup.procs'), 'utf8').catch(() => ''))
    .split('\n')
    .map(Number)
    .filter((n) => n > 0);
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    if (entry.isDirectory()) pids.push(...(await cgroupProcs(join(dir, entry.name))));
  }
  return pids;
}

const readLink = (path: string): Promise<string | undefined> => readlink(path).catch(() => undefined);

export function signal(pid: number): void {
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    // gone meanwhile
  }
}

/** nsenter's arguments that run `command` in the holder's network and mount namespaces. */
export const nsenterArgs = (holder: number | string, command: string, args: readonly string[]): string[] => [
  ...['-t', String(holder), '-n', '-m', '--', command],
  ...args,
];

/** Runs a command in the holder's network and mount namespaces, to completion; never throws on its exit code. */
export function enter(
  holder: number | string,
  command: string,
  args: readonly string[],
  options: { env?: NodeJS.ProcessEnv; input?: string } = {},
): Promise<RunResult> {
  return capture('nsenter', nsenterArgs(holder, command, args), {
    env: options.env ?? process.env,
    ...(options.input === undefined ? {} : { input: options.input }),
  });
}
