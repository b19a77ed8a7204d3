// One shape for every "rolls under load" test: `app`'s Deployment (two replicas,
// already rolled out behind `address`) is changed by `change` while a client
// outside the cluster keeps asking it; the roll is over once its old pods are
// gone (preStop, then the drain). No request may fail.
import { setTimeout as sleep } from 'node:timers/promises';
import type { ExecutionContext } from 'ava';
import { startLoad, summary } from './load.ts';
import { getOnceReachable, must } from './node.ts';

export const podNames = async (ns: string, app: string): Promise<string[]> =>
  (await must(['-n', ns, 'get', 'pods', '-l', `app=${app}`, '-o', 'jsonpath={.items[*].metadata.name}']))
    .split(' ')
    .filter(Boolean);

export async function rollsWithoutFailure(
  t: ExecutionContext,
  target: { ns: string; app: string; address: string },
  change: () => Promise<void>,
): Promise<{ after: string[]; rolledInMs: number; requests: number; availability: number; p99Ms: number }> {
  const { ns, app, address } = target;
  const before = await podNames(ns, app);
  t.is((await getOnceReachable(`http://${address}/health`)).status, 200);
  const load = startLoad(t, `http://${address}/health`);
  await sleep(3_000);
  const rollStarted = Date.now();
  await change();
  await must(['-n', ns, 'rollout', 'status', `deployment/${app}`, '--timeout=300s']);
  const rolledInMs = Date.now() - rollStarted;
  await must(['-n', ns, 'wait', '--for=delete', ...before.map((p) => `pod/${p}`), '--timeout=120s']);
  const { answers } = await load.stop();

  const after = await podNames(ns, app);
  const { requests, failed, availability, p99Ms } = summary(answers);
  t.true(requests > 0);
  t.deepEqual(
    failed.map((a) => `${a.status || a.error} at ${(a.at / 1000).toFixed(1)} s`),
    [],
    `no request failed while ${app} rolled`,
  );
  return { after, rolledInMs, requests, availability, p99Ms };
}
