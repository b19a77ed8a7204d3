// The control plane's command lines: etcd, the API server, the controller
// manager, the scheduler and kube-proxy, as the node (node.ts) starts them.
// What this machine needs and a production cluster would not is said where it
// is set.
import { join } from 'node:path';
import type { Pki } from './pki.ts';

export interface Addresses {
  nodeName: string;
  nodeIp: string;
  apiPort: number;
  podCidr: string;
  serviceCidr: string;
}

export function etcdFlags(dir: string): string[] {
  return [
    '--name=node',
    `--data-dir=${join(dir, 'etcd')}`,
    '--listen-client-urls=http://127.0.0.1:2379',
    '--advertise-client-urls=http://127.0.0.1:2379',
    '--listen-peer-urls=http://127.0.0.1:2380',
    // A store for one run: nothing needs to survive a crash of the machine.
    '--unsafe-no-fsync',
    '--log-level=warn',
  ];
}

export function apiserverFlags(pki: Pki, at: Addresses): string[] {
  return [
    '--etcd-servers=http://127.0.0.1:2379',
    `--advertise-address=${at.nodeIp}`,
    `--secure-port=${at.apiPort}`,
    `--tls-cert-file=${pki.apiserver.cert}`,
    `--tls-private-key-file=${pki.apiserver.key}`,
    `--client-ca-file=${pki.ca.cert}`,
    `--kubelet-client-certificate=${pki.kubeletClient.cert}`,
    `--kubelet-client-key=${pki.kubeletClient.key}`,
    `--kubelet-certificate-authority=${pki.ca.cert}`,
    '--kubelet-preferred-address-types=InternalIP',
    '--authorization-mode=Node,RBAC',
    '--enable-admission-plugins=NodeRestriction',
    '--service-account-issuer=https://kubernetes.default.svc.cluster.local',
    `--service-account-key-file=${pki.serviceAccountKey}`,
    `--service-account-signing-key-file=${pki.serviceAccountKey}`,
    `--service-cluster-ip-range=${at.serviceCidr}`,
    // The aggregation layer, for metrics-server's metrics.k8s.io: the API server proxies to it
    // as front-proxy-client and says who asks in these headers.
    `--requestheader-client-ca-file=${pki.frontProxy.ca}`,
    '--requestheader-allowed-names=front-proxy-client',
    '--requestheader-username-headers=X-Remote-User',
    '--requestheader-group-headers=X-Remote-Group',
    '--requestheader-extra-headers-prefix=X-Remote-Extra-',
    `--proxy-client-cert-file=${pki.frontProxy.client.cert}`,
    `--proxy-client-key-file=${pki.frontProxy.client.key}`,
    // To the extension server's pod, not through its Service's virtual address.
    '--enable-aggregator-routing=true',
    // Dapr's injected sidecars and the CNI need none; the manifests ask for none.
    '--allow-privileged=false',
  ];
}

/** What every client component of the API server is started with: its identity, and its own listener on loopback. */
function clientFlags(kubeconfig: string): string[] {
  return [
    `--kubeconfig=${kubeconfig}`,
    `--authentication-kubeconfig=${kubeconfig}`,
    `--authorization-kubeconfig=${kubeconfig}`,
    '--bind-address=127.0.0.1',
  ];
}

export function controllerManagerFlags(pki: Pki, at: Addresses): string[] {
  return [
    ...clientFlags(pki.kubeconfig['controller-manager']),
    `--service-account-private-key-file=${pki.serviceAccountKey}`,
    `--root-ca-file=${pki.ca.cert}`,
    '--use-service-account-credentials=true',
    `--cluster-signing-cert-file=${pki.ca.cert}`,
    `--cluster-signing-key-file=${pki.ca.key}`,
    `--service-cluster-ip-range=${at.serviceCidr}`,
    // One node, one pod range, set in the CNI configuration.
    '--controllers=*,-nodeipam',
    // An HPA removes replicas 30 s after its load is gone, not the default 5 minutes, so that a
    // test sees the scale-down; the HPA objects are production's (k8s/autoscaling.yaml).
    '--horizontal-pod-autoscaler-downscale-stabilization=30s',
  ];
}

export function schedulerFlags(pki: Pki): string[] {
  return clientFlags(pki.kubeconfig.scheduler);
}

export function kubeProxyFlags(pki: Pki, at: Addresses): string[] {
  return [
    `--kubeconfig=${pki.kubeconfig.proxy}`,
    `--hostname-override=${at.nodeName}`,
    `--cluster-cidr=${at.podCidr}`,
    '--proxy-mode=iptables',
    // The conntrack table's size is the machine's (read-only in a network namespace of its own).
    '--conntrack-max-per-core=0',
    '--metrics-bind-address=127.0.0.1:10249',
    '--healthz-bind-address=127.0.0.1:10256',
  ];
}
