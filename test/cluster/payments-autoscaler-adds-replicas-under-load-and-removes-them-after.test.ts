// Autoscaling, as the original showed it on AKS: under load payment's HPA (as
// k8s/autoscaling.yaml sets it, on CPU over the pods' requests, read from
// metrics-server) adds replicas, every request is still answered while they
// join, and once the load is gone it takes them away again (the node's
// controller manager waits 30 s before scaling down, not production's 5
// minutes: tools/k8s/node/flags.ts).
import { setTimeout as sleep } from 'node:timers/promises';
import test from 'ava';
import { startLoad, summary } from './support/load.ts';
import { figure } from './support/report.ts';
import { getOnceReachable, must, namespace } from './support/node.ts';
import { apply, autoscalerOf, dependenciesOf, deploymentOf, serviceFor } from './support/workloads.ts';

interface AutoscalerStatus {
  status: {
    currentReplicas?: number;
    desiredReplicas?: number;
    currentMetrics?: { resource?: { current?: { averageUtilization?: number } } }[] | null;
  };
}

interface Sample {
  atS: number;
  replicas: number;
  /** CPU over requests, averaged over the pods, as the HPA last read it; null until metrics-server has it. */
  cpuPercent: number | null;
  load: boolean;
}

test("payment's autoscaler adds replicas under load, loses no request, and removes them after", async (t) => {
  const ns = await namespace(t);
  const autoscaler = await autoscalerOf('payment', ns);
  const { minReplicas, maxReplicas } = autoscaler.spec;
  await apply([...(await dependenciesOf('payment', ns)), await deploymentOf('payment', ns, minReplicas), autoscaler]);
  const address = await serviceFor('payment', ns);
  await must(['-n', ns, 'rollout', 'status', 'deployment/payment', '--timeout=180s']);
  t.is((await getOnceReachable(`http://${address}/health`)).status, 200);

  const began = Date.now();
  const samples: Sample[] = [];
  let loaded = false;
  const sample = async (): Promise<Sample> => {
    const { status } = JSON.parse(await must(['-n', ns, 'get', 'hpa', 'payment', '-o', 'json'])) as AutoscalerStatus;
    const taken = {
      atS: Math.round((Date.now() - began) / 1000),
      replicas: status.currentReplicas ?? 0,
      cpuPercent: status.currentMetrics?.[0]?.resource?.current?.averageUtilization ?? null,
      load: loaded,
    };
    samples.push(taken);
    return taken;
  };
  const until = async (done: (s: Sample) => boolean, timeoutMs: number): Promise<Sample | undefined> => {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const taken = await sample();
      if (done(taken)) return taken;
      await sleep(5_000);
    }
    return undefined;
  };

  // The HPA reads the pods' CPU before the load: metrics-server scrapes them every 15 s.
  t.truthy(await until((s) => s.cpuPercent !== null, 120_000), 'the HPA reads payment pods CPU');
  // Kept-alive connections, as an ingress keeps them to its upstreams (a new connection per request
  // spends the client's CPU, on this machine, more than the app's): the load stays on the replicas
  // it connected to, so the average the HPA reads over every replica is below the busy ones' own.
  const load = startLoad(t, `http://${address}/health`, { connections: 4 });
  loaded = true;
  const loadStarted = Date.now();
  const scaledOut = await until((s) => s.replicas > minReplicas, 180_000);
  // Under load a little longer: what it scales to, and the replicas it added serving.
  if (scaledOut) await until(() => false, 30_000);
  const { answers } = await load.stop();
  loaded = false;
  const loadStopped = Date.now();
  const scaledIn = await until((s) => s.replicas === minReplicas, 240_000);

  const peak = Math.max(...samples.map((s) => s.replicas));
  const { requests, failed, availability, p99Ms } = summary(answers);
  t.truthy(scaledOut, `payment's HPA added replicas under load: ${JSON.stringify(samples)}`);
  t.true(peak <= maxReplicas);
  t.truthy(scaledIn, `payment's HPA went back to ${minReplicas} replicas once the load was gone`);
  t.deepEqual(
    failed.map((a) => `${a.status || a.error} at ${(a.at / 1000).toFixed(1)} s`),
    [],
    'no request failed while replicas were added',
  );
  const series = samples.map((s) => `${s.atS}s:${s.replicas}`).join(' ');
  await figure(
    t,
    `payment's HPA (min ${minReplicas}, max ${maxReplicas}, CPU 70%): ${minReplicas} → ${peak} replicas, the first added ${(((scaledOut ? began + scaledOut.atS * 1000 : loadStarted) - loadStarted) / 1000).toFixed(0)} s into the load; back to ${minReplicas} ${scaledIn ? ((began + scaledIn.atS * 1000 - loadStopped) / 1000).toFixed(0) : '?'} s after it stopped; ${requests} GET /health, ${failed.length} failed, availability ${(availability * 100).toFixed(2)}%, p99 ${p99Ms} ms; replicas over time ${series}`,
    { minReplicas, maxReplicas, peak, samples, requests, failed: failed.length, availability, p99Ms },
  );
});
