// What a node run borrows from the machine, and gives back whatever happens:
// - folders the node's components write to at fixed paths (containerd's shim
//   sockets and runc's state under /run, the kubelet's pod logs and device
//   plugins, the CNI cache): inside the node's mount namespace each gets a tmpfs
//   of its own, so nothing reaches the machine's files; a mount point the
//   machine lacks is made for the run and removed after it;
// - kernel settings the kubelet sets machine-wide (it refuses to start with
//   protectKernelDefaults unless they already hold): read before, put back after;
// - the record of the run (machine cache), so that a run killed before it could
//   stop is torn down by the next one.
import { existsSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { z } from 'zod';
import { warn } from '../../lib/log.ts';
import { machineCache } from '../../lib/paths.ts';
import { alive, cgroupsLeft, killCgroups, killNamespace, netnsOf, removeCgroups, signal } from './namespaces.ts';

/** The fixed paths the node's components write to; each a tmpfs in the node's mount namespace. */
export const borrowedPaths = [
  '/var/lib/cni',
  '/run/containerd',
  '/run/runc',
  '/var/log/pods',
  '/var/log/containers',
  '/var/lib/kubelet',
];

const kernelSettings = [
  'kernel/panic',
  'kernel/panic_on_oops',
  'vm/overcommit_memory',
  'kernel/keys/root_maxkeys',
  'kernel/keys/root_maxbytes',
];

const Run = z.object({
  holder: z.number(),
  netns: z.string(),
  cgroup: z.string(),
  dir: z.string(),
  /** Folders made for mount points (the topmost made of each), removed after the run. */
  made: z.array(z.string()),
  kernel: z.record(z.string(), z.string()),
});
export type Run = z.infer<typeof Run>;

const record = join(machineCache, 'node-run.json');

/** Makes the mount points the machine lacks; answers the topmost folder made for each. */
export async function borrowMountPoints(paths: readonly string[]): Promise<string[]> {
  const made: string[] = [];
  for (const path of paths) {
    let top: string | undefined;
    for (let p = path; !existsSync(p); p = dirname(p)) top = p;
    if (top) {
      await mkdir(path, { recursive: true });
      made.push(top);
    }
  }
  return made;
}

export async function readKernelSettings(): Promise<Record<string, string>> {
  const values: Record<string, string> = {};
  for (const key of kernelSettings) values[key] = (await readFile(join('/proc/sys', key), 'utf8')).trim();
  return values;
}

/** Remembers a run until it is torn down. */
export async function recordRun(run: Run): Promise<void> {
  await mkdir(machineCache, { recursive: true });
  await writeFile(record, `${JSON.stringify(run)}\n`, { mode: 0o600 });
}

/**
 * Kills everything of the run (what runs in its network namespace or cgroups, its holder
 * last), removes its cgroups, folder and mount points, puts the kernel settings back, and
 * answers what is still there (nothing, unless something could not be undone).
 */
export async function teardown(run: Run): Promise<string[]> {
  await killNamespace(run.netns, run.holder);
  await killCgroups(run.cgroup);
  await killNamespace(run.netns);
  signal(run.holder);
  for (let i = 0; i < 50 && alive(run.holder) && (await netnsOf(run.holder)) === run.netns; i++) {
    await sleep(100);
  }
  await removeCgroups(run.cgroup);
  await rm(run.dir, { recursive: true, force: true });
  for (const top of run.made) await rm(top, { recursive: true, force: true });
  for (const [key, value] of Object.entries(run.kernel)) {
    await writeFile(join('/proc/sys', key), value).catch(() => undefined);
  }
  const now = await readKernelSettings();
  const left = [
    ...(alive(run.holder) && (await netnsOf(run.holder)) === run.netns ? [`the holder (pid ${run.holder})`] : []),
    ...(await cgroupsLeft(run.cgroup)),
    ...(existsSync(run.dir) ? [run.dir] : []),
    ...run.made.filter((top) => existsSync(top)),
    ...Object.entries(run.kernel)
      .filter(([key, value]) => now[key] !== value)
      .map(([key, value]) => `${key} = ${now[key]} (was ${value})`),
  ];
  if (!left.length) await rm(record, { force: true });
  return left;
}

/** Tears down what a run killed before it could stop left behind, if anything. */
export async function reapLeftoverRun(): Promise<void> {
  const text = await readFile(record, 'utf8').catch(() => undefined);
  if (text === undefined) return;
  const run = Run.safeParse(JSON.parse(text));
  if (!run.success) return void (await rm(record, { force: true }));
  warn('k8s', `tearing down the node an earlier run left (holder ${run.data.holder})`);
  const left = await teardown(run.data);
  if (left.length) throw new Error(`an earlier node could not be torn down: ${left.join(', ')}`);
}
