// metrics-server on the node, as its release's manifests install it: the
// resource metrics API (metrics.k8s.io) that the HPA controller reads pods'
// CPU from. Unlike the release's manifests, nothing is trusted unverified:
// the API server checks metrics-server's certificate against the cluster's
// authority (pki.ts), and metrics-server checks each kubelet's the same way.
import { readFile } from 'node:fs/promises';
import type { Pki } from './pki.ts';
import { systemDeployment } from './system-deployment.ts';

const namespace = 'kube-system';
const name = 'metrics-server';
const labels = { 'k8s-app': name };
const rbac = 'rbac.authorization.k8s.io';

/** How often it scrapes the kubelets; the HPA controller reads every 15 s. */
export const metricResolution = '15s';

export async function metricsServer(image: string, pki: Pki): Promise<object[]> {
  const metadata = { name, namespace };
  const base64 = async (file: string) => (await readFile(file)).toString('base64');
  const serviceAccount = { kind: 'ServiceAccount', name, namespace };
  return [
    { apiVersion: 'v1', kind: 'ServiceAccount', metadata },
    {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: `${name}-tls`, namespace },
      type: 'kubernetes.io/tls',
      data: { 'tls.crt': await base64(pki.metricsServer.cert), 'tls.key': await base64(pki.metricsServer.key) },
    },
    {
      apiVersion: `${rbac}/v1`,
      kind: 'ClusterRole',
      metadata: {
        name: 'system:aggregated-metrics-reader',
        labels: { [`${rbac}/aggregate-to-view`]: 'true', [`${rbac}/aggregate-to-edit`]: 'true' },
      },
      rules: [{ apiGroups: ['metrics.k8s.io'], resources: ['pods', 'nodes'], verbs: ['get', 'list', 'watch'] }],
    },
    {
      apiVersion: `${rbac}/v1`,
      kind: 'ClusterRole',
      metadata: { name: `system:${name}` },
      rules: [
        { apiGroups: [''], resources: ['nodes/metrics'], verbs: ['get'] },
        { apiGroups: [''], resources: ['pods', 'nodes'], verbs: ['get', 'list', 'watch'] },
      ],
    },
    {
      apiVersion: `${rbac}/v1`,
      kind: 'ClusterRoleBinding',
      metadata: { name: `system:${name}` },
      roleRef: { apiGroup: rbac, kind: 'ClusterRole', name: `system:${name}` },
      subjects: [serviceAccount],
    },
    {
      // It checks who the API server says asks (the aggregation layer's request headers).
      apiVersion: `${rbac}/v1`,
      kind: 'RoleBinding',
      metadata: { name: `${name}-auth-reader`, namespace },
      roleRef: { apiGroup: rbac, kind: 'Role', name: 'extension-apiserver-authentication-reader' },
      subjects: [serviceAccount],
    },
    {
      apiVersion: `${rbac}/v1`,
      kind: 'ClusterRoleBinding',
      metadata: { name: `${name}:system:auth-delegator` },
      roleRef: { apiGroup: rbac, kind: 'ClusterRole', name: 'system:auth-delegator' },
      subjects: [serviceAccount],
    },
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { ...metadata, labels },
      spec: { selector: labels, ports: [{ name: 'https', port: 443, targetPort: 'https' }] },
    },
    systemDeployment({
      name,
      labels,
      serviceAccountName: name,
      container: {
        image,
        args: [
          '--secure-port=10250',
          '--tls-cert-file=/tls/tls.crt',
          '--tls-private-key-file=/tls/tls.key',
          '--kubelet-preferred-address-types=InternalIP',
          '--kubelet-use-node-status-port',
          '--kubelet-certificate-authority=/var/run/secrets/kubernetes.io/serviceaccount/ca.crt',
          `--metric-resolution=${metricResolution}`,
        ],
        ports: [{ name: 'https', containerPort: 10250 }],
        readinessProbe: { httpGet: { path: '/readyz', port: 'https', scheme: 'HTTPS' }, periodSeconds: 2 },
        livenessProbe: { httpGet: { path: '/livez', port: 'https', scheme: 'HTTPS' }, periodSeconds: 10 },
        resources: { requests: { cpu: '50m', memory: '64Mi' } },
        volumeMounts: [{ name: 'tls', mountPath: '/tls', readOnly: true }],
      },
      volumes: [{ name: 'tls', secret: { secretName: `${name}-tls` } }],
    }),
    {
      apiVersion: 'apiregistration.k8s.io/v1',
      kind: 'APIService',
      metadata: { name: 'v1beta1.metrics.k8s.io', labels },
      spec: {
        group: 'metrics.k8s.io',
        version: 'v1beta1',
        service: { name, namespace },
        caBundle: await base64(pki.ca.cert),
        groupPriorityMinimum: 100,
        versionPriority: 100,
      },
    },
  ];
}
