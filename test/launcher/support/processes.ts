// Commands of the project started as a user starts them, in a process group of
// their own, their output kept; and the ports a stack listens on.
import { spawn, type ChildProcess } from 'node:child_process';
import { connect } from 'node:net';
import type { ExecutionContext } from 'ava';

export const repo = new URL('../../../', import.meta.url).pathname;
const appPorts = [8080, 7001, 7002, 7003, 7004, 7005, 7006, 7007];
export const sidecarHttpPorts = [3500, 3501, 3502, 3503, 3504, 3505, 3506, 3507];
const sidecarPorts = sidecarHttpPorts.flatMap((p) => [p, p + 100, p + 200]);
export const portsOfTheStack = [...appPorts, ...sidecarPorts, 9092, 9093, 6380, 5433, 50001, 50080];

export function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ port, host: '127.0.0.1' });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

export interface Started {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
  /** Signals the whole process group, as Ctrl-C in a terminal does; nothing if it has ended. */
  interrupt: () => void;
}

export function startCommand(command: string, args: readonly string[], env: NodeJS.ProcessEnv = process.env): Started {
  const child = spawn(command, args, { cwd: repo, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    child,
    output: () => output,
    exited,
    interrupt: () => {
      if (!child.pid) return;
      try {
        process.kill(-child.pid, 'SIGINT');
      } catch (error) {
        // The whole group is gone already (a test's teardown after its last step stopped it).
        if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
      }
    },
  };
}

/** Waits until the command prints `ready`; fails the test with its output if it exits first or takes too long. */
export async function untilPrinted(t: ExecutionContext, started: Started, ready: string, timeoutMs: number) {
  const began = Date.now();
  while (!started.output().includes(ready)) {
    if (started.child.exitCode !== null) t.fail(`exited early:\n${started.output()}`);
    if (Date.now() - began > timeoutMs) t.fail(`not ready within ${timeoutMs / 1000} s:\n${started.output()}`);
    if (started.child.exitCode !== null || Date.now() - began > timeoutMs) throw new Error('not ready');
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return Date.now() - began;
}

/** `npm start` as a user runs it (the launcher under this Node). */
export const npmStart = (): Started => startCommand(process.execPath, ['--import', 'tsx', 'tools/start.ts']);
export const npmStartReady = 'Ctrl-C stops everything';

export async function takenPorts(): Promise<number[]> {
  const taken: number[] = [];
  for (const port of portsOfTheStack) if (await listening(port)) taken.push(port);
  return taken;
}
