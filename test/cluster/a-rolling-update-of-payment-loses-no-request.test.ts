// The original's rolling update under siege, on a real kubelet: payment, as
// k8s/ deploys it (maxUnavailable 0, readiness, preStop, graceful drain), rolls
// to a new image tag while a client outside the cluster keeps asking it
// through its Service, and not one request fails.
import test from 'ava';
import { startLoad, summary } from './support/load.ts';
import { figure } from './support/report.ts';
import { getOnceReachable, must, namespace, retaggedAppImage } from './support/node.ts';
import { apply, dependenciesOf, deploymentOf, serviceFor } from './support/workloads.ts';

const podNames = async (ns: string): Promise<string[]> =>
  (await must(['-n', ns, 'get', 'pods', '-l', 'app=payment', '-o', 'jsonpath={.items[*].metadata.name}']))
    .split(' ')
    .filter(Boolean);

test('rolling payment to a new image tag under load fails no request', async (t) => {
  const ns = await namespace(t);
  await apply([...(await dependenciesOf('payment', ns)), await deploymentOf('payment', ns, 2)]);
  const address = await serviceFor('payment', ns);
  await must(['-n', ns, 'rollout', 'status', 'deployment/payment', '--timeout=180s']);
  const before = await podNames(ns);
  const release = await retaggedAppImage(`rolled-${Date.now()}`);

  t.is((await getOnceReachable(`http://${address}/health`)).status, 200);
  const load = startLoad(`http://${address}/health`);
  await new Promise((resolve) => setTimeout(resolve, 3_000));
  const rollStarted = Date.now();
  await must(['-n', ns, 'set', 'image', 'deployment/payment', `payment=${release}`]);
  await must(['-n', ns, 'rollout', 'status', 'deployment/payment', '--timeout=300s']);
  const rolledInMs = Date.now() - rollStarted;
  // The old pods are still finishing (preStop, then the drain): keep asking until they are gone.
  await must(['-n', ns, 'wait', '--for=delete', ...before.map((p) => `pod/${p}`), '--timeout=120s']);
  const { answers } = await load.stop();

  const after = await podNames(ns);
  const images = (
    await must(['-n', ns, 'get', 'pods', '-l', 'app=payment', '-o', 'jsonpath={.items[*].spec.containers[0].image}'])
  ).split(' ');
  t.is(after.length, 2);
  t.deepEqual(
    after.filter((p) => before.includes(p)),
    [],
    'every pod was replaced',
  );
  t.deepEqual([...new Set(images)], [release], 'every pod runs the new tag');
  const { requests, failed, availability, p99Ms } = summary(answers);
  t.true(requests > 0);
  t.deepEqual(
    failed.map((a) => `${a.status || a.error} at ${(a.at / 1000).toFixed(1)} s`),
    [],
    'no request failed while payment rolled',
  );
  await figure(
    t,
    `payment rolled (2 replicas) in ${(rolledInMs / 1000).toFixed(1)} s under load: ${requests} requests, availability ${(availability * 100).toFixed(2)}%, p99 ${p99Ms} ms`,
    { rolledInMs, requests, failed: failed.length, availability, p99Ms },
  );
});
