// The original's ConfigMap, as kustomize generates it (k8s/kustomization.yaml):
// a deployment that changes reservation's hold time applies k8s/ again, the
// setting's ConfigMap gets a new name, and reservation rolls to read it while
// a client outside the cluster keeps asking it: no request fails, and the new
// pods have the new value.
import test from 'ava';
import { renderedWithSettings, rendered } from '../k8s/support/manifests.ts';
import { startLoad, summary } from './support/load.ts';
import { getOnceReachable, must, namespace } from './support/node.ts';
import { figure } from './support/report.ts';
import { apply, dependenciesOf, deploymentOf, serviceFor } from './support/workloads.ts';

const podNames = async (ns: string): Promise<string[]> =>
  (await must(['-n', ns, 'get', 'pods', '-l', 'app=reservation', '-o', 'jsonpath={.items[*].metadata.name}']))
    .split(' ')
    .filter(Boolean);

test('a changed hold time rolls reservation under load with no failed request, and its new pods read it', async (t) => {
  const ns = await namespace(t);
  const today = (await rendered()).objects;
  const changed = (await renderedWithSettings({ 'reservation-holds': { RESERVATION_HOLD_SECONDS: '600' } })).objects;
  await apply([...(await dependenciesOf('reservation', ns, today)), await deploymentOf('reservation', ns, 2, today)]);
  const address = await serviceFor('reservation', ns);
  await must(['-n', ns, 'rollout', 'status', 'deployment/reservation', '--timeout=180s']);
  t.is((await getOnceReachable(`http://${address}/health`)).status, 200);
  const before = await podNames(ns);

  const load = startLoad(`http://${address}/health`);
  await new Promise((resolve) => setTimeout(resolve, 3_000));
  const rollStarted = Date.now();
  await apply([
    ...(await dependenciesOf('reservation', ns, changed)),
    await deploymentOf('reservation', ns, 2, changed),
  ]);
  await must(['-n', ns, 'rollout', 'status', 'deployment/reservation', '--timeout=300s']);
  const rolledInMs = Date.now() - rollStarted;
  await must(['-n', ns, 'wait', '--for=delete', ...before.map((p) => `pod/${p}`), '--timeout=120s']);
  const { answers } = await load.stop();

  const after = await podNames(ns);
  t.is(after.length, 2);
  t.deepEqual(
    after.filter((p) => before.includes(p)),
    [],
    'every pod was replaced',
  );
  for (const pod of after) {
    t.is((await must(['-n', ns, 'exec', pod, '--', 'printenv', 'RESERVATION_HOLD_SECONDS'])).trim(), '600');
  }
  const { requests, failed, availability, p99Ms } = summary(answers);
  t.true(requests > 0);
  t.deepEqual(
    failed.map((a) => `${a.status || a.error} at ${(a.at / 1000).toFixed(1)} s`),
    [],
    'no request failed while reservation rolled',
  );
  await figure(
    t,
    `hold time 900 -> 600 s in its ConfigMap: reservation (2 replicas) rolled in ${(rolledInMs / 1000).toFixed(1)} s under load, its new pods read 600; ${requests} requests, availability ${(availability * 100).toFixed(2)}%, p99 ${p99Ms} ms`,
    { rolledInMs, requests, failed: failed.length, availability, p99Ms },
  );
});
