// Self-healing, as the original showed it: an app that stops answering (its
// process stopped, not killed: what a blocked event loop looks like from
// outside) is restarted by the kubelet on its liveness probe, as k8s/ sets it,
// while its other replica goes on serving through the Service.
import { setTimeout as sleep } from 'node:timers/promises';
import test from 'ava';
import { startLoad, summary } from './support/load.ts';
import { figure } from './support/report.ts';
import { containerPids, getOnceReachable, must, namespace } from './support/node.ts';
import type { Workload } from '../k8s/support/manifests.ts';
import { apply, dependenciesOf, deploymentOf, serviceFor } from './support/workloads.ts';

interface Probe {
  periodSeconds?: number;
  failureThreshold?: number;
  timeoutSeconds?: number;
}

interface PodList {
  items: {
    metadata: { name: string };
    status: { containerStatuses?: { containerID?: string; restartCount: number; ready: boolean }[] };
  }[];
}

test('a stuck payment is restarted by its liveness probe while its other replica serves', async (t) => {
  const ns = await namespace(t);
  const deployment = (await deploymentOf('payment', ns, 2)) as Workload & {
    spec: { template: { spec: { containers: { readinessProbe?: Probe }[] } } };
  };
  await apply([...(await dependenciesOf('payment', ns)), deployment]);
  const address = await serviceFor('payment', ns);
  await must(['-n', ns, 'rollout', 'status', 'deployment/payment', '--timeout=180s']);
  t.is((await getOnceReachable(`http://${address}/health`)).status, 200);
  const pods = async () =>
    JSON.parse(await must(['-n', ns, 'get', 'pods', '-l', 'app=payment', '-o', 'json'])) as PodList;
  const [stuck, other] = (await pods()).items;
  const containerId = stuck?.status.containerStatuses?.[0]?.containerID?.replace(/^\w+:\/\//, '');
  if (!stuck || !other || !containerId) throw new Error('two running payment pods expected');

  const load = startLoad(t, `http://${address}/health`, { keepAlive: false, pauseMs: 50 });
  await sleep(2_000);
  const stoppedAt = Date.now();
  for (const pid of await containerPids(containerId)) process.kill(pid, 'SIGSTOP');
  let restartedAt = 0;
  let readyAt = 0;
  const deadline = Date.now() + 180_000;
  while (!readyAt && Date.now() < deadline) {
    await sleep(1_000);
    const now = (await pods()).items.find((p) => p.metadata.name === stuck.metadata.name)?.status
      .containerStatuses?.[0];
    if (!restartedAt && (now?.restartCount ?? 0) > 0) restartedAt = Date.now();
    if (restartedAt && now?.ready) readyAt = Date.now();
  }
  await sleep(2_000);
  const { began, answers } = await load.stop();
  const after = (await pods()).items;

  t.true(restartedAt > 0, 'the stuck container was restarted');
  t.true(readyAt > 0, 'the restarted container became ready');
  t.deepEqual(
    after.map((p) => [p.metadata.name, p.status.containerStatuses?.[0]?.restartCount]),
    [
      [stuck.metadata.name, 1],
      [other.metadata.name, 0],
    ].sort(),
    'only the stuck container was restarted, once',
  );
  // Readiness takes the stuck replica out of the Service after its failed probes (and kube-proxy's
  // next sync): from then on the other replica answers everything until the restarted one is back.
  const readiness = deployment.spec.template.spec.containers[0]?.readinessProbe;
  if (!readiness) return void t.fail('payment has no readiness probe: nothing takes a stuck replica out');
  const takenOutMs =
    ((readiness.periodSeconds ?? 10) * (readiness.failureThreshold ?? 3) + (readiness.timeoutSeconds ?? 1) + 5) * 1000;
  const lateFailures = answers.filter((a) => a.status !== 200 && began + a.at > stoppedAt + takenOutMs);
  t.deepEqual(
    lateFailures.map(
      (a) => `${a.status || a.error} sent ${((began + a.at - stoppedAt) / 1000).toFixed(1)} s after the stop`,
    ),
    [],
    'once readiness took the stuck replica out, the other answered every request',
  );
  const { requests, failed, availability } = summary(answers);
  const lastFailure = Math.max(0, ...failed.map((a) => began + a.at - stoppedAt));
  await figure(
    t,
    `stuck at 0 s; out of the Service by ${(lastFailure / 1000).toFixed(1)} s (its last unanswered request), restarted by the kubelet after ${((restartedAt - stoppedAt) / 1000).toFixed(0)} s, ready again after ${((readyAt - stoppedAt) / 1000).toFixed(0)} s; ${requests} requests, ${failed.length} unanswered, availability ${(availability * 100).toFixed(2)}%`,
    {
      restartedAfterMs: restartedAt - stoppedAt,
      readyAfterMs: readyAt - stoppedAt,
      lastFailure,
      requests,
      unanswered: failed.length,
    },
  );
});
