// The node's configuration files: containerd's, the CNI network's and the
// kubelet's. What this machine needs and a production node would not is said
// where it is set.
import { join } from 'node:path';
import { stringify } from 'yaml';
import type { Pki } from './pki.ts';
import type { NodeTools } from './provision.ts';

/** The image containerd runs as every pod's sandbox (images.ts builds it). */
export const pauseImage = 'roomstay.local/pause:3.10';

/** One bridge for the node's pods, with masquerading out and host ports, its addresses kept in `ipamDir`. */
export function cniConfig(podCidr: string, ipamDir: string): string {
  return `${JSON.stringify(
    {
      cniVersion: '0.4.0',
      name: 'roomstay',
      plugins: [
        {
          type: 'bridge',
          bridge: 'cni0',
          isGateway: true,
          ipMasq: true,
          hairpinMode: true,
          ipam: {
            type: 'host-local',
            dataDir: ipamDir,
            ranges: [[{ subnet: podCidr }]],
            routes: [{ dst: '0.0.0.0/0' }],
          },
        },
        { type: 'portmap', capabilities: { portMappings: true } },
      ],
    },
    null,
    2,
  )}\n`;
}

/** containerd with everything under the run's folder. */
export function containerdConfig(dir: string, tools: NodeTools): string {
  return `version = 2
root = "${join(dir, 'containerd')}"
state = "${join(dir, 'run', 'containerd')}"
[grpc]
  address = "${join(dir, 'run', 'containerd', 'containerd.sock')}"
[plugins."io.containerd.grpc.v1.cri"]
  sandbox_image = "${pauseImage}"
  # Pods' network namespaces under the run's folder, not /run/netns.
  netns_mounts_under_state_dir = true
  # Root here lacks CAP_SYS_RESOURCE: without this, lowering an OOM score fails every sandbox.
  restrict_oom_score_adj = true
  [plugins."io.containerd.grpc.v1.cri".cni]
    bin_dir = "${tools.cniBin}"
    conf_dir = "${join(dir, 'cni', 'net.d')}"
  [plugins."io.containerd.grpc.v1.cri".containerd]
    snapshotter = "overlayfs"
    default_runtime_name = "runc"
    [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc]
      runtime_type = "io.containerd.runc.v2"
      [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc.options]
        BinaryName = "${tools.runc}"
        # No systemd here: cgroups are written directly.
        SystemdCgroup = false
`;
}

export function kubeletConfig(options: {
  pki: Pki;
  /** The cgroup under which the kubelet puts every pod, made beforehand in every hierarchy. */
  cgroup: string;
  socket: string;
  nodeIp: string;
  dnsIp: string;
}): string {
  return stringify({
    apiVersion: 'kubelet.config.k8s.io/v1beta1',
    kind: 'KubeletConfiguration',
    // cgroup v1 and no systemd on these machines.
    cgroupDriver: 'cgroupfs',
    cgroupRoot: options.cgroup,
    // These machines may have swap; the node does not rely on its absence.
    failSwapOn: false,
    authentication: {
      anonymous: { enabled: false },
      webhook: { enabled: true },
      x509: { clientCAFile: options.pki.ca.cert },
    },
    authorization: { mode: 'Webhook' },
    tlsCertFile: options.pki.kubeletServing.cert,
    tlsPrivateKeyFile: options.pki.kubeletServing.key,
    address: options.nodeIp,
    readOnlyPort: 0,
    healthzBindAddress: '127.0.0.1',
    clusterDomain: 'cluster.local',
    clusterDNS: [options.dnsIp],
    containerRuntimeEndpoint: `unix://${options.socket}`,
    // The images are built here and never pulled: none may be collected while a test needs it,
    // and a nearly full disk of a test machine must not evict the pods under test.
    imageGCHighThresholdPercent: 100,
    evictionHard: { 'memory.available': '100Mi', 'nodefs.available': '1%', 'imagefs.available': '1%' },
  });
}
