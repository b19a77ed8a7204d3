// The node's certificates, made with openssl for one run and removed with it: a
// cluster CA; the API server's serving certificate (the names pods use for it,
// the Service address included, so in-cluster clients verify it); one client
// certificate per component, named as RBAC and the Node authorizer expect
// (system:node:<name> in system:nodes, system:kube-scheduler, ...); and the
// service-account signing key.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { capture, which } from '../../lib/exec.ts';
import { aptInstall } from '../../provision.ts';

export interface NodeAddresses {
  /** The node's name and address (its own interface in the node's network namespace). */
  nodeName: string;
  nodeIp: string;
  /** The Service address of `kubernetes.default`: the first of the service range. */
  apiServiceIp: string;
  apiPort: number;
}

/** A client of the API server: its kubeconfig. */
export type Component = 'admin' | 'kubelet' | 'controller-manager' | 'scheduler' | 'proxy';

export interface Pki {
  dir: string;
  ca: { cert: string; key: string };
  apiserver: { cert: string; key: string };
  /** The API server's client certificate towards kubelets. */
  kubeletClient: { cert: string; key: string };
  kubeletServing: { cert: string; key: string };
  /**
   * The aggregation layer (metrics.k8s.io): the authority extension API servers trust to say
   * who asks, and the API server's client certificate signed by it.
   */
  frontProxy: { ca: string; client: { cert: string; key: string } };
  /** metrics-server's serving certificate, for the name the API server asks it by (its Service's). */
  metricsServer: { cert: string; key: string };
  serviceAccountKey: string;
  kubeconfig: Record<Component, string>;
}

async function openssl(args: readonly string[], cwd: string): Promise<void> {
  const result = await capture('openssl', args, { cwd });
  if (result.code !== 0) throw new Error(`openssl ${args.join(' ')}: ${result.stderr.trim()}`);
}

export async function makePki(dir: string, node: NodeAddresses): Promise<Pki> {
  if (!(await which('openssl'))) await aptInstall(['openssl']);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const path = (name: string) => join(dir, name);
  const authority = (name: string, subject: string) =>
    openssl(
      [
        ...['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', `${name}.key`, '-out', `${name}.crt`],
        ...['-days', '2', '-subj', subject],
      ],
      dir,
    );
  await authority('ca', '/CN=roomstay-cluster-ca');
  // An authority of its own, as kubeadm makes: what it signs may name any user to an extension
  // API server, so it signs the API server's proxy client and nothing else.
  await authority('front-proxy-ca', '/CN=roomstay-front-proxy-ca');
  const issue = async (name: string, subject: string, names: readonly string[] = [], ca = 'ca') => {
    await openssl(
      ['req', '-newkey', 'rsa:2048', '-nodes', '-keyout', `${name}.key`, '-out', `${name}.csr`, '-subj', subject],
      dir,
    );
    const extensions = [
      'basicConstraints=CA:FALSE',
      'keyUsage=digitalSignature,keyEncipherment',
      'extendedKeyUsage=serverAuth,clientAuth',
      ...(names.length ? [`subjectAltName=${names.join(',')}`] : []),
    ];
    await writeFile(path(`${name}.ext`), `${extensions.join('\n')}\n`);
    await openssl(
      [
        ...['x509', '-req', '-in', `${name}.csr`, '-CA', `${ca}.crt`, '-CAkey', `${ca}.key`],
        '-CAcreateserial',
        ...['-out', `${name}.crt`, '-days', '2', '-extfile', `${name}.ext`],
      ],
      dir,
    );
    return { cert: path(`${name}.crt`), key: path(`${name}.key`) };
  };
  const apiserver = await issue('apiserver', '/CN=kube-apiserver', [
    ...['kubernetes', 'kubernetes.default', 'kubernetes.default.svc', 'kubernetes.default.svc.cluster.local'].map(
      (n) => `DNS:${n}`,
    ),
    `IP:${node.apiServiceIp}`,
    `IP:${node.nodeIp}`,
    'IP:127.0.0.1',
  ]);
  const kubeletServing = await issue('kubelet-serving', `/CN=${node.nodeName}`, [
    `DNS:${node.nodeName}`,
    `IP:${node.nodeIp}`,
  ]);
  const kubeletClient = await issue('apiserver-kubelet-client', '/CN=kube-apiserver-kubelet-client/O=system:masters');
  const frontProxyClient = await issue('front-proxy-client', '/CN=front-proxy-client', [], 'front-proxy-ca');
  const metricsServer = await issue('metrics-server', '/CN=metrics-server', ['DNS:metrics-server.kube-system.svc']);
  const subjects: Record<Component, string> = {
    admin: '/CN=roomstay-cluster-admin/O=system:masters',
    kubelet: `/CN=system:node:${node.nodeName}/O=system:nodes`,
    'controller-manager': '/CN=system:kube-controller-manager',
    scheduler: '/CN=system:kube-scheduler',
    proxy: '/CN=system:kube-proxy',
  };
  const kubeconfig = {} as Record<Component, string>;
  for (const [component, subject] of Object.entries(subjects) as [Component, string][]) {
    const client = await issue(component, subject);
    kubeconfig[component] = path(`${component}.kubeconfig`);
    await writeFile(
      kubeconfig[component],
      stringify({
        apiVersion: 'v1',
        kind: 'Config',
        clusters: [
          {
            name: 'roomstay',
            cluster: { server: `https://${node.nodeIp}:${node.apiPort}`, 'certificate-authority': path('ca.crt') },
          },
        ],
        users: [{ name: component, user: { 'client-certificate': client.cert, 'client-key': client.key } }],
        contexts: [{ name: 'roomstay', context: { cluster: 'roomstay', user: component } }],
        'current-context': 'roomstay',
      }),
      { mode: 0o600 },
    );
  }
  await openssl(['genrsa', '-out', 'service-account.key', '2048'], dir);
  return {
    dir,
    ca: { cert: path('ca.crt'), key: path('ca.key') },
    apiserver,
    kubeletClient,
    kubeletServing,
    frontProxy: { ca: path('front-proxy-ca.crt'), client: frontProxyClient },
    metricsServer,
    serviceAccountKey: path('service-account.key'),
    kubeconfig,
  };
}
