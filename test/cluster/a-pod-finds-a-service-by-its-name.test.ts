// The cluster's DNS (CoreDNS, built here): a pod of the project's image finds
// payment's Service by its short name, as the manifests' addresses
// (redis.roomstay.svc.cluster.local, ...) are found, and gets its answer.
import test from 'ava';
import { appImage, getOnceReachable, must, namespace } from './support/node.ts';
import { apply, dependenciesOf, deploymentOf, serviceFor } from './support/workloads.ts';

test("a pod asks payment by its Service's name and is answered", async (t) => {
  const ns = await namespace(t);
  await apply([...(await dependenciesOf('payment', ns)), await deploymentOf('payment', ns, 1)]);
  const address = await serviceFor('payment', ns);
  await must(['-n', ns, 'rollout', 'status', 'deployment/payment', '--timeout=180s']);
  // The Service answers by its address first (kube-proxy has its rules): what is asked here is its name.
  t.is((await getOnceReachable(`http://${address}/health`)).status, 200);

  const script = `fetch('http://payment/health').then(async (r) => console.log(r.status, await r.text()))`;
  await apply([
    {
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: { name: 'asks-payment', namespace: ns },
      spec: {
        backoffLimit: 0,
        template: {
          spec: {
            restartPolicy: 'Never',
            automountServiceAccountToken: false,
            securityContext: { runAsNonRoot: true, runAsUser: 1000, seccompProfile: { type: 'RuntimeDefault' } },
            containers: [
              {
                name: 'client',
                image: appImage(),
                imagePullPolicy: 'Never',
                args: ['-e', script],
                securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } },
              },
            ],
          },
        },
      },
    },
  ]);
  await must(['-n', ns, 'wait', '--for=condition=complete', 'job/asks-payment', '--timeout=120s']);
  t.is((await must(['-n', ns, 'logs', 'job/asks-payment'])).trim(), '200 {"status":"ok"}');
});
