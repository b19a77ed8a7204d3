// What the cluster tests' node runs, from package registries only, cached per
// machine like the validation's tools (../provision.ts):
// - the control plane and the node's own commands (etcd, kube-apiserver,
//   kube-controller-manager, kube-scheduler, kubelet, kube-proxy, kubectl),
//   built from the Go module proxy at the pinned Kubernetes release, and the
//   cluster's DNS (CoreDNS), its resource metrics (metrics-server) and Helm
//   at theirs;
// - the container runtime and what builds images, from Debian's packages,
//   unpacked, never installed (lib/debian.ts): containerd and runc, the CNI
//   plugins, catatonit (the pause process), iptables and conntrack (kube-proxy,
//   the bridge plugin), buildah (the project's Dockerfile) with its
//   configuration files.
import { existsSync } from 'node:fs';
import { mkdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { libraryDirs, unpackPackages } from '../../lib/debian.ts';
import { capture } from '../../lib/exec.ts';
import { say } from '../../lib/log.ts';
import { machineCache } from '../../lib/paths.ts';
import { pinnedGoModule, timed } from '../../provision.ts';
import { ensureKubernetesCommands, goBuild } from '../provision.ts';

const nodePackages = [
  'containerd',
  'runc',
  'containernetworking-plugins',
  'catatonit',
  'iptables',
  'conntrack',
  'buildah',
  'golang-github-containers-common',
  'golang-github-containers-image',
] as const;

/** Commands of the iptables package that kube-proxy, the kubelet and the CNI plugins call by these names. */
const iptablesNames = [
  'iptables',
  'iptables-save',
  'iptables-restore',
  'ip6tables',
  'ip6tables-save',
  'ip6tables-restore',
];

export interface NodeTools {
  etcd: string;
  kubeApiserver: string;
  kubeControllerManager: string;
  kubeScheduler: string;
  kubelet: string;
  kubeProxy: string;
  kubectl: string;
  /** The cluster's DNS (tools/provision/coredns). */
  coredns: string;
  /** The resource metrics an HPA scales by (tools/provision/metrics-server). */
  metricsServer: string;
  /** What installs Dapr from its chart (tools/provision/helm). */
  helm: string;
  containerd: string;
  ctr: string;
  runc: string;
  buildah: string;
  catatonit: string;
  /** The CNI plugins' folder. */
  cniBin: string;
  /** buildah's registries.conf and signature policy, from the unpacked packages. */
  registriesConf: string;
  signaturePolicy: string;
  /** What every command of the node runs with: PATH first to the unpacked commands, their libraries, iptables' modules. */
  env: Record<string, string>;
}

const Complete = z.object({ libs: z.array(z.string()) });

type KubernetesCommand =
  'etcd' | 'kube-apiserver' | 'kubectl' | 'kubelet' | 'kube-controller-manager' | 'kube-scheduler' | 'kube-proxy';
type PackageTools = Omit<
  NodeTools,
  | 'etcd'
  | 'kubeApiserver'
  | 'kubeControllerManager'
  | 'kubeScheduler'
  | 'kubelet'
  | 'kubeProxy'
  | 'kubectl'
  | 'coredns'
  | 'metricsServer'
  | 'helm'
>;

/** The commands of the unpacked packages in `home`, and the environment they run with. */
function packageTools(home: string, libs: readonly string[]): PackageTools {
  const root = join(home, 'root');
  return {
    containerd: join(root, 'usr/bin/containerd'),
    ctr: join(root, 'usr/bin/ctr'),
    runc: join(root, 'usr/bin/runc'),
    buildah: join(root, 'usr/bin/buildah'),
    catatonit: join(root, 'usr/bin/catatonit'),
    cniBin: join(root, 'usr/lib/cni'),
    registriesConf: join(root, 'etc/containers/registries.conf'),
    signaturePolicy: join(root, 'etc/containers/policy.json'),
    env: {
      PATH: [join(home, 'bin'), join(root, 'usr/bin'), join(root, 'usr/sbin'), process.env['PATH'] ?? ''].join(':'),
      LD_LIBRARY_PATH: [...libs, process.env['LD_LIBRARY_PATH'] ?? ''].filter(Boolean).join(':'),
      XTABLES_LIBDIR: join(root, 'usr/lib/x86_64-linux-gnu/xtables'),
    },
  };
}

/** The Debian packages, unpacked once per machine, with iptables' commands named as its alternatives would name them. */
async function ensureNodePackages(): Promise<PackageTools> {
  const home = join(machineCache, 'node-packages');
  const marker = join(home, '.complete');
  if (existsSync(marker)) {
    const done = Complete.safeParse(JSON.parse(await readFile(marker, 'utf8').catch(() => 'null')));
    if (done.success) {
      say('k8s', `node packages: ${home}`);
      return packageTools(home, done.data.libs);
    }
  }
  const count = await unpackPackages('node packages', home, nodePackages);
  const bin = join(home, 'bin');
  await mkdir(bin, { recursive: true });
  // Debian's postinst would make these alternatives; nftables is Debian's default.
  for (const name of iptablesNames) await symlink(join(home, 'root/usr/sbin/xtables-nft-multi'), join(bin, name));
  const libs = await libraryDirs(join(home, 'root'));
  const probe = packageTools(home, libs);
  for (const [command, args] of [
    [probe.containerd, ['--version']],
    [probe.runc, ['--version']],
    [probe.buildah, ['--version']],
    [join(bin, 'iptables'), ['--version']],
  ] as const) {
    const result = await capture(command, args, { env: { ...process.env, ...probe.env } });
    if (result.code !== 0) throw new Error(`${command} does not run: ${result.stderr.trim()}`);
  }
  await writeFile(marker, `${JSON.stringify({ libs })}\n`);
  say('k8s', `node packages: ${count} packages unpacked, containerd, runc, buildah and iptables run`);
  return probe;
}

/**
 * A program of the cluster's own (tools/provision/<dir>) at the release its go.mod pins,
 * built once per machine: CoreDNS with the plugins its Corefile names (main.go there),
 * metrics-server, Helm.
 */
async function ensureGoProgram(dir: string, module: string, pkg: string): Promise<string> {
  const version = await pinnedGoModule(dir, module);
  const out = join(machineCache, `${dir}-${version}`);
  const binary = join(out, pkg === '.' ? dir : pkg.slice(pkg.lastIndexOf('/') + 1));
  if (existsSync(join(out, '.complete'))) return binary;
  say('k8s', `${dir} ${version}: building from the Go module proxy (first time only)`);
  await goBuild(dir, [pkg], out, '-s -w');
  await writeFile(join(out, '.complete'), `${new Date().toISOString()}\n`);
  return binary;
}

export async function provisionNode(): Promise<NodeTools> {
  const started = Date.now();
  const commands = async (): Promise<Record<KubernetesCommand, string>> => ({
    ...(await ensureKubernetesCommands('kubernetes', {
      etcd: 'go.etcd.io/etcd/server/v3',
      'kube-apiserver': 'k8s.io/kubernetes/cmd/kube-apiserver',
      kubectl: 'k8s.io/kubernetes/cmd/kubectl',
    })),
    ...(await ensureKubernetesCommands('kubernetes-node', {
      kubelet: 'k8s.io/kubernetes/cmd/kubelet',
      'kube-controller-manager': 'k8s.io/kubernetes/cmd/kube-controller-manager',
      'kube-scheduler': 'k8s.io/kubernetes/cmd/kube-scheduler',
      'kube-proxy': 'k8s.io/kubernetes/cmd/kube-proxy',
    })),
  });
  // The Go builds one after the other (2 cores); the packages beside them.
  const kubernetes = timed('kubernetes', commands());
  const addons = kubernetes
    .then(() => timed('coredns', ensureGoProgram('coredns', 'github.com/coredns/coredns', '.')))
    .then(async (coredns) => ({
      coredns,
      metricsServer: await timed(
        'metrics-server',
        ensureGoProgram(
          'metrics-server',
          'sigs.k8s.io/metrics-server',
          'sigs.k8s.io/metrics-server/cmd/metrics-server',
        ),
      ),
      helm: await timed('helm', ensureGoProgram('helm', 'helm.sh/helm/v4', 'helm.sh/helm/v4/cmd/helm')),
    }));
  const [kube, { coredns, metricsServer, helm }, packages] = await Promise.all([
    kubernetes,
    addons,
    timed('node packages', ensureNodePackages()),
  ]);
  say('k8s', `node tools ready in ${((Date.now() - started) / 1000).toFixed(1)}s`);
  return {
    ...packages,
    etcd: kube.etcd,
    kubeApiserver: kube['kube-apiserver'],
    kubeControllerManager: kube['kube-controller-manager'],
    kubeScheduler: kube['kube-scheduler'],
    kubelet: kube.kubelet,
    kubeProxy: kube['kube-proxy'],
    kubectl: kube.kubectl,
    coredns,
    metricsServer,
    helm,
  };
}
