// Zero-downtime redeploys: payment runs as two replicas, restarted one at a
// time under constant load; no request fails.
import test from 'ava';
import { reservableRoom, users } from '../support/api.ts';
import { stack } from '../support/stack.ts';
import { availability, reserveAndPay, statusCounts, stays, noLostRequests } from './support/load.ts';
import { figure, reportFailures } from './support/report.ts';

reportFailures(5, 'payment as two replicas, restarted one at a time under load');

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

test('restarting two payment replicas one at a time under load fails no request', async (t) => {
  const alice = await users.alice();
  const roomId = await reservableRoom(20_000);
  await stack.startInstance('payment', 1);
  t.teardown(() => stack.stopInstance('payment', 1));
  await pause(2000);

  const load = reserveAndPay({ token: alice, roomId, stays: stays(2501), connections: 8, seconds: 24 });
  const restarts: number[] = [];
  for (const n of [0, 1]) {
    await pause(4000);
    const began = Date.now();
    // As Kubernetes ends a pod: the app and its sidecar are told to stop at the same moment, so calls
    // the sidecar still routes reach an app that is stopping (it must finish them and take no more).
    await Promise.all([
      stack.signal(n === 0 ? 'app-payment' : `app-payment#${n}`, 'SIGTERM'),
      stack.stopInstance('payment', n),
    ]);
    await stack.startInstance('payment', n);
    restarts.push((Date.now() - began) / 1000);
  }
  const result = await load;
  noLostRequests(t, result);
  const ok = availability(result.answers, (a) => (a.kind === 'reserve' ? a.status === 201 : a.status === 200));
  t.is(
    ok,
    100,
    `every request succeeded while payment's replicas restarted: ${JSON.stringify(statusCounts(result.answers))}`,
  );
  await figure(
    t,
    5,
    'payment as two replicas, restarted one at a time under load',
    `${result.answers.length} requests over ${(result.durationMs / 1000).toFixed(0)} s, availability ${ok.toFixed(2)}%, ${result.answers.filter((a) => a.status >= 400).length} failed; replica restarts took ${restarts.map((s) => `${s.toFixed(1)} s`).join(' and ')}`,
    { requests: result.answers.length, availability: ok, restartSeconds: restarts },
  );
});
