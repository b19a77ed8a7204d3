// The original's promise: an overloaded promotion service makes payers wait a
// little, then the circuit opens and they get "promotion later" at once; the
// promotion is applied later, exactly once, and the circuit closes again.
import test from 'ava';
import { eventually, reservableRoom, users } from '../support/api.ts';
import { findRecord, readAll } from '../support/kafka.ts';
import { stack } from '../support/stack.ts';
import { availability, payAll, percentile, statusCounts, stays, noLostRequests } from './support/load.ts';
import { allGranted, between, circuit, histogram, metric, promotionFile } from './support/observe.ts';
import { placeReservations } from './support/prepare.ts';
import { figure, reportFailures } from './support/report.ts';

reportFailures(2, 'promotion slowed past its timeout, 60 concurrent payers');

const PAYMENT_METRICS = 9104;
const PAYERS = 60;

test('an overloaded promotion opens the circuit, payments stay available and fail fast, and every promotion is granted once later', async (t) => {
  const alice = await users.alice();
  const roomId = await reservableRoom(100_000);
  const ids = await placeReservations(alice, roomId, stays(2201), 300);

  // A fresh breaker (it lives in payment's sidecar), then promotion takes
  // 0.9-1.2 s per request: past payment's 700 ms timeout.
  await stack.restart('daprd-payment');
  await stack.stopInstance('promotion', 0);
  await stack.startInstance('promotion', 0, { FAULT_DELAY_MS: '900-1200' });

  const states: Array<{ at: number; state: string | undefined }> = [];
  const began = Date.now();
  // Payment's sidecar's own latency of the promotion call, read once the circuit has been open for a
  // timeout and its retry (calls begun before it opened are over by then) and again at the end.
  // Calls the breaker let through to promotion (a half-open probe) are real calls, not fail-fast ones:
  // counted apart by the sidecar's own count of invocations it sent.
  const callLatency = async () => ({
    latency: await histogram(PAYMENT_METRICS, 'dapr_http_server_latency', {
      path: '/v1.0/invoke/promotion/method/promotions',
    }),
    sent: await metric(PAYMENT_METRICS, 'dapr_runtime_service_invocation_req_sent_total', {
      dst_app_id: 'promotion',
    }),
  });
  let sinceOpen: Promise<{ latency: Map<number, number>; sent: number }> | undefined;
  let watching = true;
  const watcher = (async () => {
    while (watching) {
      if (!sinceOpen && states.some((s) => s.state === 'open')) {
        sinceOpen = new Promise((resolve) => setTimeout(resolve, 1_500)).then(callLatency);
      }
      states.push({
        at: Date.now() - began,
        state: await circuit(PAYMENT_METRICS, 'promotion').catch(() => undefined),
      });
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  })();
  const result = await payAll({ token: alice, reservationIds: ids, connections: PAYERS });
  noLostRequests(t, result);
  watching = false;
  await watcher;

  const paymentAvailability = availability(result.answers, (a) => a.status === 200);
  t.is(
    paymentAvailability,
    100,
    `every payment succeeded while promotion was overloaded: ${JSON.stringify(statusCounts(result.answers))}`,
  );
  const openedAt = states.find((s) => s.state === 'open')?.at;
  t.truthy(openedAt !== undefined, 'the circuit towards promotion opened (daprd metrics)');
  const pending = [...result.paid.values()].filter((p) => p.promotion.status === 'pending').length;
  t.true(pending > 0, 'payers were told "promotion later"');
  // Requests that started while the breaker was open.
  const stateAt = (ms: number) => [...states].reverse().find((s) => s.at <= ms)?.state;
  const whileOpen = result.answers.filter((a) => stateAt(a.at - a.latencyMs) === 'open').map((a) => a.latencyMs);
  t.true(whileOpen.length > 0, 'payments were made while the circuit was open');
  const p99Open = percentile(whileOpen, 99);
  const p50Open = percentile(whileOpen, 50);
  // Fail fast where it happens: how long payment's sidecar took to answer the promotion call while the
  // circuit was open (its HTTP server latency histogram), apart from the app's own event loop under load.
  const opened = (await sinceOpen) ?? { latency: new Map<number, number>(), sent: 0 };
  const ended = await callLatency();
  const answered = between(opened.latency, ended.latency, 20);
  const calls = { count: answered.count - (ended.sent - opened.sent), atMost: answered.atMost };
  t.true(calls.count >= 50, `${calls.count} promotion calls answered by the open circuit`);
  const within20 = calls.count ? (100 * Math.min(calls.atMost, calls.count)) / calls.count : 0;
  t.true(within20 >= 99, `${within20.toFixed(1)}% of ${calls.count} promotion calls answered within 20 ms`);

  // Recovery: promotion back to normal; the next payments close the circuit.
  await stack.stopInstance('promotion', 0);
  await stack.startInstance('promotion', 0);
  const recoveredAt = Date.now();
  const probes = await placeReservations(alice, roomId, stays(2202), 10);
  await new Promise((resolve) => setTimeout(resolve, 5_500)); // the breaker's open timeout
  const after = await payAll({ token: alice, reservationIds: probes, connections: 1 });
  noLostRequests(t, after);
  t.true(
    [...after.paid.values()].some((p) => p.promotion.status === 'granted'),
    'after recovery promotions are granted at once again',
  );
  const closed = await eventually(
    async () => ((await circuit(PAYMENT_METRICS, 'promotion')) === 'closed' ? true : undefined),
    15_000,
  );
  t.true(closed);

  const all = [...ids, ...probes];
  await allGranted(alice, all, 90_000);
  const grantedIn = (Date.now() - recoveredAt) / 1000;
  const file = await promotionFile();
  const mine = file.grants.filter((g) => all.includes(g.reservationId));
  t.is(mine.length, all.length, 'one promotion per payment in promotion’s store');
  t.is(new Set(mine.map((g) => g.paymentId)).size, all.length);
  await findRecord(['PromotionSaved'], () => true, 5_000);
  const records = (await readAll(['PromotionSaved'])).filter((r) =>
    all.includes((r.value as { data?: { reservationId?: string } }).data?.reservationId ?? ''),
  );
  const distinct = new Set(records.map((r) => (r.value as { id: string }).id));
  t.is(distinct.size, all.length, 'exactly one PromotionSaved per payment');

  await figure(
    t,
    2,
    'promotion slowed past its timeout, 60 concurrent payers',
    `payment availability ${paymentAvailability.toFixed(1)}% of ${result.answers.length}; circuit opened after ${((openedAt ?? 0) / 1000).toFixed(1)} s; ${pending} answered "promotion later"; payment's sidecar answered ${within20.toFixed(1)}% of ${calls.count} promotion calls within 20 ms while open (p99 < 20 ms); closed again after recovery; ${all.length}/${all.length} promotions granted exactly once (${distinct.size} PromotionSaved), all on my page ${grantedIn.toFixed(1)} s after recovery`,
    {
      availability: paymentAvailability,
      openedAfterMs: openedAt,
      pending,
      paidWhileOpen: whileOpen.length,
      p50OpenMs: p50Open,
      p99OpenMs: p99Open,
      promotionCallsWhileOpen: calls.count,
      promotionCallsWithin20msPercent: within20,
      granted: mine.length,
      events: distinct.size,
      grantedInSeconds: grantedIn,
    },
  );
});
