// A pod's network, made on this machine: a network namespace of its own with
// its loopback and one veth link to the host (the "node"), the pod address on
// its end. What listens on the pod's loopback is unreachable from the host, as
// in a cluster; what listens on every address answers on the pod address. The
// namespace's loopback ports are its own, so a pod here never meets the
// stack's fixed ports. Needs root (ip netns).
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { capture } from '../../../tools/lib/exec.ts';

async function ip(args: string[]): Promise<void> {
  const result = await capture('ip', args);
  if (result.code !== 0) throw new Error(`ip ${args.join(' ')}: ${result.stderr}`);
}

export class PodNetwork {
  private readonly processes: ChildProcess[] = [];

  private constructor(
    readonly namespace: string,
    /** The pod's address, on the pod's end of the link. */
    readonly podIp: string,
  ) {}

  /** A namespace named after this process, on a /30 of its own in a range the machine does not route. */
  static async create(): Promise<PodNetwork> {
    const id = process.pid % 10_000;
    const namespace = `roomstay-pod-${id}`;
    const subnet = `10.213.${process.pid % 250}`;
    const [host, pod] = [`rsh${id}`, `rsp${id}`];
    await ip(['netns', 'add', namespace]);
    const network = new PodNetwork(namespace, `${subnet}.2`);
    try {
      await ip(['link', 'add', host, 'type', 'veth', 'peer', 'name', pod]);
      await ip(['link', 'set', pod, 'netns', namespace]);
      await ip(['addr', 'add', `${subnet}.1/30`, 'dev', host]);
      await ip(['link', 'set', host, 'up']);
      await ip(['-n', namespace, 'addr', 'add', `${subnet}.2/30`, 'dev', pod]);
      await ip(['-n', namespace, 'link', 'set', pod, 'up']);
      await ip(['-n', namespace, 'link', 'set', 'lo', 'up']);
    } catch (error) {
      await network.destroy();
      throw error;
    }
    return network;
  }

  /** Starts a process in the pod with exactly the given environment; its output goes to a file. */
  start(command: string, args: string[], env: Record<string, string>, options: { cwd: string; log: string }) {
    const child = spawn('ip', ['netns', 'exec', this.namespace, command, ...args], {
      cwd: options.cwd,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const log = createWriteStream(options.log);
    child.stdout.pipe(log);
    child.stderr.pipe(log);
    this.processes.push(child);
    return child;
  }

  /** An HTTP status as seen from inside the pod (its own loopback), or 0 when nothing answers. */
  async statusInside(url: string, headers: Record<string, string> = {}): Promise<number> {
    const script = `fetch(${JSON.stringify(url)}, { headers: ${JSON.stringify(headers)}, signal: AbortSignal.timeout(3000) }).then((r) => console.log(r.status), () => console.log(0))`;
    const result = await capture('ip', ['netns', 'exec', this.namespace, process.execPath, '-e', script]);
    return Number(result.stdout.trim() || 0);
  }

  async destroy(): Promise<void> {
    for (const child of this.processes) {
      if (child.exitCode !== null) continue;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
    }
    // Removing the namespace removes the link with it.
    await capture('ip', ['netns', 'del', this.namespace]);
  }
}

/** An HTTP status as seen from the host (the node: kubelet's probes, other pods), or 0 when nothing answers. */
export async function statusFromNode(url: string, headers: Record<string, string> = {}): Promise<number> {
  try {
    const response = await fetch(url, { headers, signal: AbortSignal.timeout(3000) });
    return response.status;
  } catch {
    return 0;
  }
}
