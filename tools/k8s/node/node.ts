// A single-node Kubernetes of the project's own for the cluster tests: etcd,
// kube-apiserver, kube-controller-manager, kube-scheduler, containerd, the
// kubelet and kube-proxy, all in a network and mount namespace made for the run
// (a holder process keeps them), so that the node's address, its bridge, its
// iptables rules and every mount it makes exist only there and go with it.
// Nothing listens outside that namespace; a client reaches the node by entering
// it (`inside`). Pods run in cgroups under a root named for the run, in every
// hierarchy, removed at stop with everything that ran in them.
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { RunResult } from '../../lib/exec.ts';
import { say } from '../../lib/log.ts';
import { kubeletConfig, containerdConfig, cniConfig } from './config.ts';
import { apiserverFlags, controllerManagerFlags, etcdFlags, kubeProxyFlags, schedulerFlags } from './flags.ts';
import {
  borrowMountPoints,
  borrowedPaths,
  readKernelSettings,
  reapLeftoverRun,
  recordRun,
  teardown,
  type Run,
} from './host.ts';
import { cgroupRoot, enter, netnsOf, nsenterArgs, signal, startHolder } from './namespaces.ts';
import { makePki, type NodeAddresses, type Pki } from './pki.ts';
import type { NodeTools } from './provision.ts';

export const addresses: NodeAddresses & { podCidr: string; serviceCidr: string; dnsIp: string } = {
  nodeName: 'roomstay-node',
  nodeIp: '10.200.0.1',
  apiServiceIp: '10.96.0.1',
  apiPort: 6443,
  podCidr: '10.244.0.0/24',
  serviceCidr: '10.96.0.0/16',
  dnsIp: '10.96.0.10',
};

export class ClusterNode {
  private readonly processes: { name: string; child: ChildProcess }[] = [];

  private constructor(
    readonly tools: NodeTools,
    private readonly run: Run,
    readonly pki: Pki,
  ) {}

  /** A process in the node's namespaces: what `nsenter` enters. */
  get holder(): number {
    return this.run.holder;
  }

  /** The cgroup (in every hierarchy) under which the kubelet puts every pod. */
  get cgroup(): string {
    return this.run.cgroup;
  }

  get dir(): string {
    return this.run.dir;
  }

  static async start(tools: NodeTools): Promise<ClusterNode> {
    const started = Date.now();
    await reapLeftoverRun();
    const dir = await mkdtemp(join(tmpdir(), 'roomstay-node-'));
    let run: Run | undefined;
    try {
      const made = await borrowMountPoints(borrowedPaths);
      const kernel = await readKernelSettings();
      const holder = await startHolder();
      const netns = await netnsOf(holder);
      if (!netns) throw new Error("the namespaces' holder exited at once");
      run = { holder, netns, cgroup: `roomstay-${holder}`, dir, made, kernel };
      await recordRun(run);
      const node = new ClusterNode(tools, run, await makePki(join(dir, 'pki'), addresses));
      try {
        await node.boot();
      } catch (error) {
        const logs = await node.logs();
        await node.stop().catch(() => undefined);
        throw new Error(`${error instanceof Error ? error.message : String(error)}\n${logs}`, { cause: error });
      }
      say('k8s', `node ${addresses.nodeName} ready in ${((Date.now() - started) / 1000).toFixed(1)}s`);
      return node;
    } catch (error) {
      if (run) await teardown(run);
      else await rm(dir, { recursive: true, force: true });
      throw error;
    }
  }

  /** Runs a command in the node's network and mount namespaces, with the node's tools on PATH. */
  inside(
    command: string,
    args: readonly string[],
    input?: string,
    env: Record<string, string> = {},
  ): Promise<RunResult> {
    return enter(this.holder, command, args, { env: { ...process.env, ...this.tools.env, ...env }, input });
  }

  private async must(command: string, args: readonly string[]): Promise<string> {
    const result = await this.inside(command, args);
    if (result.code !== 0) throw new Error(`${command} ${args.join(' ')}: ${result.stderr.trim()}`);
    return result.stdout;
  }

  kubectl(args: readonly string[], input?: string): Promise<RunResult> {
    return this.inside(this.tools.kubectl, ['--kubeconfig', this.pki.kubeconfig.admin, ...args], input);
  }

  /** Loads an image archive (OCI) into the node's containerd, where the kubelet finds it. */
  async importImage(archive: string): Promise<void> {
    await this.must(this.tools.ctr, ['--address', this.containerdSocket, '-n', 'k8s.io', 'images', 'import', archive]);
  }

  get containerdSocket(): string {
    return join(this.dir, 'run', 'containerd', 'containerd.sock');
  }

  private spawnInside(name: string, command: string, args: readonly string[]): void {
    const out = createWriteStream(join(this.dir, 'logs', `${name}.log`));
    const child = spawn('nsenter', nsenterArgs(this.holder, command, args), {
      env: { ...process.env, ...this.tools.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.pipe(out);
    child.stderr.pipe(out);
    this.processes.push({ name, child });
  }

  private async until(what: string, check: () => Promise<boolean>, timeoutMs = 120_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const gone = this.processes.find((p) => p.child.exitCode !== null);
      if (gone) throw new Error(`${gone.name} exited (${gone.child.exitCode}) while waiting for ${what}`);
      if (await check()) return;
      await sleep(500);
    }
    throw new Error(`${what}: not within ${timeoutMs / 1000} s`);
  }

  private async boot(): Promise<void> {
    const { tools, dir, pki } = this;
    const t = tools;
    for (const sub of ['logs', 'etcd', 'run', 'containerd', 'kubelet', 'cni/net.d', 'cni/ipam']) {
      await mkdir(join(dir, sub), { recursive: true });
    }
    // The node's own interface (a veth pair, both ends here: its carrier is up), a default route
    // through it so that Service addresses route, and forwarding for the pods' bridge.
    await this.must('sh', [
      '-ec',
      [
        'ip link set lo up',
        'ip link add node0 type veth peer name node1',
        `ip addr add ${addresses.nodeIp}/24 dev node0`,
        'ip link set node1 up',
        'ip link set node0 up',
        `ip route add default via 10.200.0.2 dev node0 onlink`,
        'sysctl -qw net.ipv4.ip_forward=1 net.bridge.bridge-nf-call-iptables=1',
        // What the components write at fixed paths stays in the node's mount namespace (host.ts).
        ...borrowedPaths.map((path) => `mount -t tmpfs -o mode=0700 roomstay-node ${path}`),
      ].join('\n'),
    ]);
    for (const hierarchy of await readdir(cgroupRoot)) {
      if (existsSync(join(cgroupRoot, hierarchy, 'cgroup.procs'))) {
        await mkdir(join(cgroupRoot, hierarchy, this.cgroup), { recursive: true });
      }
    }
    await writeFile(join(dir, 'cni/net.d/10-roomstay.conflist'), cniConfig(addresses.podCidr, join(dir, 'cni/ipam')));
    await writeFile(join(dir, 'containerd.toml'), containerdConfig(dir, tools));
    await writeFile(
      join(dir, 'kubelet.yaml'),
      kubeletConfig({ pki, cgroup: `/${this.cgroup}`, socket: this.containerdSocket, ...addresses }),
    );

    this.spawnInside('etcd', t.etcd, etcdFlags(dir));
    this.spawnInside('kube-apiserver', t.kubeApiserver, apiserverFlags(pki, addresses));
    await this.until('the API server', async () => (await this.kubectl(['get', '--raw', '/readyz'])).code === 0);
    this.spawnInside('kube-controller-manager', t.kubeControllerManager, controllerManagerFlags(pki, addresses));
    this.spawnInside('kube-scheduler', t.kubeScheduler, schedulerFlags(pki));
    this.spawnInside('containerd', t.containerd, ['--config', join(dir, 'containerd.toml')]);
    await this.until(
      'containerd',
      async () => (await this.inside(t.ctr, ['--address', this.containerdSocket, 'version'])).code === 0,
    );
    this.spawnInside('kubelet', t.kubelet, [
      `--config=${join(dir, 'kubelet.yaml')}`,
      `--kubeconfig=${pki.kubeconfig.kubelet}`,
      `--root-dir=${join(dir, 'kubelet')}`,
      `--hostname-override=${addresses.nodeName}`,
      `--node-ip=${addresses.nodeIp}`,
    ]);
    this.spawnInside('kube-proxy', t.kubeProxy, kubeProxyFlags(pki, addresses));
    await this.until('the node Ready', async () => {
      const { stdout } = await this.kubectl([
        'get',
        'node',
        addresses.nodeName,
        '-o',
        'jsonpath={.status.conditions[?(@.type=="Ready")].status}',
      ]);
      return stdout.trim() === 'True';
    });
  }

  /** The last lines of every component's log. */
  async logs(lines = 20): Promise<string> {
    const names = await readdir(join(this.dir, 'logs')).catch(() => []);
    const parts: string[] = [];
    for (const name of names) {
      const text = await readFile(join(this.dir, 'logs', name), 'utf8').catch(() => '');
      parts.push(`--- ${name}\n${text.split('\n').slice(-lines).join('\n')}`);
    }
    return parts.join('\n');
  }

  /**
   * Everything gone (host.ts): every process of the node's namespaces and cgroups killed,
   * the holder last, so the namespaces and their mounts go with it; the cgroups, the run's
   * folder and the mount points made for it removed; the kernel settings put back. Fails
   * naming anything still there.
   */
  async stop(): Promise<void> {
    for (const { child } of this.processes) if (child.pid) signal(child.pid);
    const left = await teardown(this.run);
    if (left.length) throw new Error(`the node left behind: ${left.join(', ')}`);
  }
}
