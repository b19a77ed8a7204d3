// Starts, signals and stops the stack's processes. Each child runs in its own
// process group with its output appended to .data/logs/<name>.log, and leaves a
// pid file so the next start can reap anything a crashed launcher left behind.
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync, writeSync } from 'node:fs';
import { mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { say, warn } from '../lib/log.ts';
import { logDir, runDir } from '../lib/paths.ts';

export interface ProcessSpec {
  /** Unique name: `kafka`, `daprd-room`, `app-room`, `app-roominfo#2`. */
  name: string;
  command: string;
  args: readonly string[];
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  uid?: number;
  gid?: number;
  /** Polled until it resolves true. */
  ready: () => Promise<boolean>;
  readyTimeoutMs?: number;
  stopSignal?: NodeJS.Signals;
  stopTimeoutMs?: number;
}

export interface ProcessStatus {
  name: string;
  pid: number | undefined;
  running: boolean;
  paused: boolean;
  exitCode: number | null;
  exitSignal: string | null;
  starts: number;
}

interface Managed {
  spec: ProcessSpec;
  child: ChildProcess | undefined;
  exited: Promise<void>;
  exitCode: number | null;
  exitSignal: string | null;
  paused: boolean;
  stopping: boolean;
  starts: number;
}

export const logFile = (name: string): string => join(logDir, `${name.replace(/[^\w.-]/g, '_')}.log`);
const startMarker = '=== roomstay: started ';

/** What the process has logged since its latest start. */
export async function logSinceStart(name: string): Promise<string> {
  const text = await readFile(logFile(name), 'utf8').catch(() => '');
  const at = text.lastIndexOf(startMarker);
  return at < 0 ? text : text.slice(at);
}
const pidFile = (name: string): string => join(runDir, `${name.replace(/[^\w.-]/g, '_')}.pid`);

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Kills what an earlier launcher left running, found by its pid files. */
export async function reapLeftovers(): Promise<void> {
  await mkdir(runDir, { recursive: true });
  for (const entry of await readdir(runDir)) {
    if (!entry.endsWith('.pid')) continue;
    const path = join(runDir, entry);
    const [pidText, command] = (await readFile(path, 'utf8')).split('\n');
    const pid = Number(pidText);
    if (pid > 0 && alive(pid)) {
      const cmdline = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '');
      if (command && cmdline.includes(command)) {
        warn('stack', `stopping ${entry.replace(/\.pid$/, '')} (pid ${pid}) left by an earlier run`);
        try {
          process.kill(-pid, 'SIGKILL');
        } catch {
          process.kill(pid, 'SIGKILL');
        }
        for (let i = 0; i < 50 && alive(pid); i++) await sleep(100);
      }
    }
    await rm(path, { force: true });
  }
}

export class Supervisor {
  private readonly procs = new Map<string, Managed>();

  /** Spawns the process and resolves once its readiness check passes. */
  async start(spec: ProcessSpec): Promise<void> {
    const existing = this.procs.get(spec.name);
    if (existing?.child && existing.exitCode === null && existing.exitSignal === null) {
      throw new Error(`${spec.name} is already running`);
    }
    await mkdir(logDir, { recursive: true });
    await mkdir(runDir, { recursive: true });
    const fd = openSync(logFile(spec.name), 'a');
    writeSync(fd, `${startMarker}${new Date().toISOString()} ${spec.command} ${spec.args.join(' ')}\n`);
    const child = spawn(spec.command, spec.args, {
      cwd: spec.cwd,
      env: spec.env ?? process.env,
      detached: true,
      stdio: ['ignore', fd, fd],
      ...(spec.uid === undefined ? {} : { uid: spec.uid, gid: spec.gid }),
    });
    closeSync(fd);
    const managed: Managed = {
      spec,
      child,
      exitCode: null,
      exitSignal: null,
      paused: false,
      stopping: false,
      starts: (existing?.starts ?? 0) + 1,
      exited: Promise.resolve(),
    };
    managed.exited = new Promise((resolve) => {
      child.on('exit', (code, signal) => {
        managed.exitCode = code;
        managed.exitSignal = signal;
        if (!managed.stopping) warn('stack', `${spec.name} exited (${signal ?? code}); log: ${logFile(spec.name)}`);
        void rm(pidFile(spec.name), { force: true });
        resolve();
      });
      child.on('error', (error) => {
        warn('stack', `${spec.name} could not start: ${error.message}`);
        managed.exitCode = -1;
        resolve();
      });
    });
    this.procs.set(spec.name, managed);
    if (child.pid) await writeFile(pidFile(spec.name), `${child.pid}\n${spec.command}\n`);
    await this.waitReady(spec.name);
  }

  async waitReady(name: string): Promise<void> {
    const managed = this.get(name);
    const deadline = Date.now() + (managed.spec.readyTimeoutMs ?? 60_000);
    while (Date.now() < deadline) {
      if (managed.exitCode !== null || managed.exitSignal !== null) {
        throw new Error(`${name} exited before it was ready; log: ${logFile(name)}`);
      }
      if (await managed.spec.ready().catch(() => false)) return;
      await sleep(200);
    }
    throw new Error(`${name} was not ready within ${managed.spec.readyTimeoutMs ?? 60_000} ms; log: ${logFile(name)}`);
  }

  private get(name: string): Managed {
    const managed = this.procs.get(name);
    if (!managed) throw new Error(`no process named ${name}`);
    return managed;
  }

  has(name: string): boolean {
    return this.procs.has(name);
  }

  isRunning(name: string): boolean {
    const managed = this.procs.get(name);
    return !!managed?.child && managed.exitCode === null && managed.exitSignal === null;
  }

  /** Sends a raw signal to the whole process group (chaos: SIGKILL, SIGSTOP, SIGCONT). */
  signal(name: string, signal: NodeJS.Signals): void {
    const managed = this.get(name);
    const pid = managed.child?.pid;
    if (!pid || !this.isRunning(name)) throw new Error(`${name} is not running`);
    if (signal === 'SIGKILL' || signal === 'SIGTERM' || signal === 'SIGINT') managed.stopping = true;
    if (signal === 'SIGSTOP') managed.paused = true;
    if (signal === 'SIGCONT') managed.paused = false;
    try {
      process.kill(-pid, signal);
    } catch {
      process.kill(pid, signal);
    }
  }

  /** Resolves when the process has exited. */
  async exited(name: string): Promise<void> {
    await this.get(name).exited;
  }

  /** Graceful stop: the spec's signal, then SIGKILL after its timeout. */
  async stop(name: string): Promise<void> {
    const managed = this.procs.get(name);
    if (!managed || !this.isRunning(name)) return;
    managed.stopping = true;
    if (managed.paused) this.signal(name, 'SIGCONT');
    this.signal(name, managed.spec.stopSignal ?? 'SIGTERM');
    const timeout = sleep(managed.spec.stopTimeoutMs ?? 10_000).then(() => 'timeout' as const);
    if ((await Promise.race([managed.exited, timeout])) === 'timeout') {
      warn('stack', `${name} did not stop in time; killing it`);
      this.signal(name, 'SIGKILL');
      await managed.exited;
    }
  }

  /** Starts a stopped or killed process again with its original spec. */
  async restart(name: string): Promise<void> {
    const { spec } = this.get(name);
    await this.stop(name);
    await this.start(spec);
  }

  status(): ProcessStatus[] {
    return [...this.procs.values()].map((m) => ({
      name: m.spec.name,
      pid: m.child?.pid,
      running: this.isRunning(m.spec.name),
      paused: m.paused,
      exitCode: m.exitCode,
      exitSignal: m.exitSignal,
      starts: m.starts,
    }));
  }

  /**
   * Stops everything: those `choose` picks (the ingress) before the rest, so that what it
   * began finishes while the services behind it still answer; then the other apps and
   * sidecars together; the infrastructure last, most recently started first.
   */
  async stopAll(choose: (names: readonly string[]) => string[] = () => []): Promise<void> {
    const names = [...this.procs.keys()].reverse();
    const running = names.filter((name) => this.isRunning(name));
    if (running.length) say('stack', `stopping ${running.length} processes`);
    const first = choose(names);
    await Promise.all(first.map((name) => this.stop(name)));
    const infra = new Set(['postgres', 'redis', 'kafka', 'sentry']);
    await Promise.all(names.filter((n) => !infra.has(n) && !first.includes(n)).map((n) => this.stop(n)));
    for (const name of names.filter((n) => infra.has(n))) await this.stop(name);
  }

  /** Kills every running process at once, as a crash would, and waits until all are gone. */
  async killAll(): Promise<void> {
    const running = [...this.procs.keys()].filter((name) => this.isRunning(name));
    if (running.length) say('stack', `killing ${running.length} processes`);
    for (const name of running) this.signal(name, 'SIGKILL');
    await Promise.all(running.map((name) => this.exited(name)));
  }
}
