// The image built here from the project's own Dockerfile runs as a Deployment
// on a real kubelet (containerd, runc, the bridge CNI) under Pod Security
// "restricted", becomes ready by its own probe, and answers a client outside
// the cluster through its Service's address (kube-proxy's rules).
import test from 'ava';
import { stringify } from 'yaml';
import { appImage, getOnceReachable, must, namespace } from './support/node.ts';

const restricted = {
  runAsNonRoot: true,
  allowPrivilegeEscalation: false,
  capabilities: { drop: ['ALL'] },
  seccompProfile: { type: 'RuntimeDefault' },
  readOnlyRootFilesystem: true,
};

test('the app image built from the Dockerfile runs on the kubelet and answers through its Service', async (t) => {
  const ns = await namespace(t);
  const labels = { app: 'room' };
  const objects = [
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'room', namespace: ns },
      spec: {
        selector: { matchLabels: labels },
        template: {
          metadata: { labels },
          spec: {
            automountServiceAccountToken: false,
            securityContext: { runAsUser: 1000, runAsGroup: 1000 },
            containers: [
              {
                name: 'room',
                image: appImage(),
                imagePullPolicy: 'Never',
                args: ['services/room/dist/main.js'],
                env: [
                  { name: 'APP_ID', value: 'room' },
                  { name: 'APP_PORT', value: '8080' },
                  { name: 'HOST', value: '0.0.0.0' },
                  { name: 'DAPR_API_TOKEN', value: 'not-used-here' },
                  { name: 'APP_API_TOKEN', value: 'not-used-here' },
                ],
                ports: [{ name: 'http', containerPort: 8080 }],
                readinessProbe: { httpGet: { path: '/ready', port: 8080 }, periodSeconds: 1 },
                securityContext: restricted,
              },
            ],
          },
        },
      },
    },
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'room', namespace: ns },
      spec: { selector: labels, ports: [{ port: 80, targetPort: 'http' }] },
    },
  ];
  await must(['apply', '-f', '-'], objects.map((o) => stringify(o)).join('---\n'));
  await must(['-n', ns, 'rollout', 'status', 'deployment/room', '--timeout=180s']);

  const clusterIp = (await must(['-n', ns, 'get', 'service', 'room', '-o', 'jsonpath={.spec.clusterIP}'])).trim();
  const answer = await getOnceReachable(`http://${clusterIp}/health`);
  t.deepEqual(answer, { status: 200, body: '{"status":"ok"}' });
});
