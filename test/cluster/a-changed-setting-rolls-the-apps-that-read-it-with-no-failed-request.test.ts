// The original's ConfigMap, as kustomize generates it (k8s/kustomization.yaml):
// a deployment that changes reservation's hold time applies k8s/ again, the
// setting's ConfigMap gets a new name, and reservation rolls to read it while
// a client outside the cluster keeps asking it: no request fails, and the new
// pods have the new value.
import test from 'ava';
import { renderedWithSettings, rendered } from '../k8s/support/manifests.ts';
import { must, namespace } from './support/node.ts';
import { figure } from './support/report.ts';
import { rollsWithoutFailure } from './support/roll.ts';
import { apply, dependenciesOf, deploymentOf, serviceFor } from './support/workloads.ts';

test('a changed hold time rolls reservation under load with no failed request, and its new pods read it', async (t) => {
  const ns = await namespace(t);
  const today = (await rendered()).objects;
  const changed = (await renderedWithSettings({ 'reservation-holds': { RESERVATION_HOLD_SECONDS: '600' } })).objects;
  await apply([...(await dependenciesOf('reservation', ns, today)), await deploymentOf('reservation', ns, 2, today)]);
  const address = await serviceFor('reservation', ns);
  await must(['-n', ns, 'rollout', 'status', 'deployment/reservation', '--timeout=180s']);

  const next = [
    ...(await dependenciesOf('reservation', ns, changed)),
    await deploymentOf('reservation', ns, 2, changed),
  ];
  const rolled = await rollsWithoutFailure(t, { ns, app: 'reservation', address }, () => apply(next));

  for (const pod of rolled.after) {
    t.is((await must(['-n', ns, 'exec', pod, '--', 'printenv', 'RESERVATION_HOLD_SECONDS'])).trim(), '600');
  }
  await figure(
    t,
    `hold time 900 -> 600 s in its ConfigMap: reservation (2 replicas) rolled in ${(rolled.rolledInMs / 1000).toFixed(1)} s under load, its new pods read 600; ${rolled.requests} requests, availability ${(rolled.availability * 100).toFixed(2)}%, p99 ${rolled.p99Ms} ms`,
    rolled,
  );
});
