// What the node runs for every workload besides its own components: the
// cluster's DNS, and the resource metrics HPAs scale by (metrics.ts). CoreDNS
// answers for cluster.local from the API (Services, their endpoints, pods), at
// the address the kubelet gives pods as their resolver; it runs unprivileged
// on a port above 1024, its Service maps 53.
import { stringify } from 'yaml';
import { metricsServer } from './metrics.ts';
import type { ClusterNode } from './node.ts';
import { addresses } from './node.ts';
import { systemDeployment } from './system-deployment.ts';

const corefile = `.:1053 {
    errors
    health :8080
    ready :8181
    kubernetes cluster.local in-addr.arpa ip6.arpa {
        pods insecure
        fallthrough in-addr.arpa ip6.arpa
    }
    cache 30
    loadbalance
}
`;

function coreDns(image: string): object[] {
  const labels = { 'k8s-app': 'kube-dns' };
  const metadata = { name: 'coredns', namespace: 'kube-system' };
  return [
    { apiVersion: 'v1', kind: 'ServiceAccount', metadata },
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRole',
      metadata: { name: 'system:coredns' },
      rules: [
        { apiGroups: [''], resources: ['endpoints', 'services', 'pods', 'namespaces'], verbs: ['list', 'watch'] },
        { apiGroups: ['discovery.k8s.io'], resources: ['endpointslices'], verbs: ['list', 'watch'] },
      ],
    },
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRoleBinding',
      metadata: { name: 'system:coredns' },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'system:coredns' },
      subjects: [{ kind: 'ServiceAccount', ...metadata }],
    },
    { apiVersion: 'v1', kind: 'ConfigMap', metadata, data: { Corefile: corefile } },
    systemDeployment({
      name: 'coredns',
      labels,
      serviceAccountName: 'coredns',
      pod: { dnsPolicy: 'Default' },
      container: {
        image,
        args: ['-conf', '/etc/coredns/Corefile'],
        ports: [
          { name: 'dns', containerPort: 1053, protocol: 'UDP' },
          { name: 'dns-tcp', containerPort: 1053, protocol: 'TCP' },
        ],
        readinessProbe: { httpGet: { path: '/ready', port: 8181 }, periodSeconds: 2 },
        livenessProbe: { httpGet: { path: '/health', port: 8080 }, periodSeconds: 10 },
        volumeMounts: [{ name: 'config', mountPath: '/etc/coredns', readOnly: true }],
      },
      volumes: [{ name: 'config', configMap: { name: 'coredns' } }],
    }),
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'kube-dns', namespace: 'kube-system', labels },
      spec: {
        selector: labels,
        clusterIP: addresses.dnsIp,
        ports: [
          { name: 'dns', port: 53, targetPort: 1053, protocol: 'UDP' },
          { name: 'dns-tcp', port: 53, targetPort: 1053, protocol: 'TCP' },
        ],
      },
    },
  ];
}

/** Installs the cluster's DNS and metrics-server from their images (loaded into the node already) and waits until both answer. */
export async function installAddons(
  node: ClusterNode,
  images: { coredns: string; metricsServer: string },
): Promise<void> {
  const manifests = [...coreDns(images.coredns), ...(await metricsServer(images.metricsServer, node.pki))]
    .map((o) => stringify(o))
    .join('---\n');
  const applied = await node.kubectl(['apply', '-f', '-'], manifests);
  if (applied.code !== 0) throw new Error(`installing the add-ons: ${applied.stderr}`);
  for (const deployment of ['coredns', 'metrics-server']) {
    const ready = await node.kubectl([
      '-n',
      'kube-system',
      'rollout',
      'status',
      `deployment/${deployment}`,
      '--timeout=120s',
    ]);
    if (ready.code !== 0) throw new Error(`${deployment} did not become ready: ${ready.stderr}`);
  }
  // The API server serves metrics.k8s.io once it has reached metrics-server through the aggregation layer.
  const available = await node.kubectl([
    ...['wait', 'apiservice/v1beta1.metrics.k8s.io', '--for=condition=Available', '--timeout=60s'],
  ]);
  if (available.code !== 0) throw new Error(`metrics.k8s.io is not available: ${available.stderr}`);
}
