// The original's rolling update under siege, on a real kubelet: the ingress
// (gateway), reservation and payment, each as k8s/ deploys it (maxUnavailable
// 0, readiness, preStop, graceful drain), roll to a new image tag while a
// client outside the cluster keeps asking the app through its Service, and not
// one request fails.
import test from 'ava';
import { figure } from './support/report.ts';
import { must, namespace, retaggedAppImage } from './support/node.ts';
import { rollsWithoutFailure } from './support/roll.ts';
import { apply, dependenciesOf, deploymentOf, serviceFor } from './support/workloads.ts';

for (const app of ['gateway', 'reservation', 'payment']) {
  test(`rolling ${app} to a new image tag under load fails no request`, async (t) => {
    const ns = await namespace(t);
    await apply([...(await dependenciesOf(app, ns)), await deploymentOf(app, ns, 2)]);
    const address = await serviceFor(app, ns);
    await must(['-n', ns, 'rollout', 'status', `deployment/${app}`, '--timeout=180s']);
    const release = await retaggedAppImage(`rolled-${Date.now()}`);

    const rolled = await rollsWithoutFailure(t, { ns, app, address }, async () => {
      await must(['-n', ns, 'set', 'image', `deployment/${app}`, `${app}=${release}`]);
    });

    await figure(
      t,
      `${app} rolled (2 replicas) in ${(rolled.rolledInMs / 1000).toFixed(1)} s under load: ${rolled.requests} requests, availability ${(rolled.availability * 100).toFixed(2)}%, p99 ${rolled.p99Ms} ms`,
      rolled,
    );
  });
}
