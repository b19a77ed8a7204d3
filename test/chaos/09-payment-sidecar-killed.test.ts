// Payment's sidecar killed under load: payers are turned away briefly (503,
// Retry-After), nobody is charged twice and no accepted reservation is lost.
import test from 'ava';
import { eventually, reservableRoom, users } from '../support/api.ts';
import { eventOf, recordsAbout } from '../support/kafka.ts';
import { stack } from '../support/stack.ts';
import { availability, payUntilPaid, reserveAndPay, stays, noLostRequests } from './support/load.ts';
import { figure, reportFailures } from './support/report.ts';

reportFailures(9, "payment's sidecar killed under load");

test("killing payment's sidecar under load charges nobody twice and loses no accepted reservation", async (t) => {
  const alice = await users.alice();
  const roomId = await reservableRoom(40_000);
  const loadBegan = Date.now();
  const load = reserveAndPay({ token: alice, roomId, stays: stays(2901), connections: 10, seconds: 12 });
  await new Promise((resolve) => setTimeout(resolve, 3000));
  await stack.signal('daprd-payment', 'SIGKILL', true);
  const killedAt = Date.now();
  await new Promise((resolve) => setTimeout(resolve, 2000));
  const restartedAt = Date.now();
  await stack.restart('daprd-payment');
  const result = await load;
  noLostRequests(t, result);
  // Recovery as payers saw it: from the kill to the first payment answered after the sidecar was back.
  const firstAfter = result.answers.find(
    (a) => a.kind === 'pay' && a.status === 200 && loadBegan + a.at >= restartedAt,
  );
  const recovery = firstAfter ? (loadBegan + firstAfter.at - killedAt) / 1000 : Number.NaN;
  const longest = Math.max(...result.answers.filter((a) => a.kind === 'pay').map((a) => a.latencyMs));
  const refused = result.answers.filter((a) => a.kind === 'pay' && a.status !== 200);
  t.true(
    refused.every((a) => a.status === 503),
    'payers were refused with 503 only',
  );

  // Every accepted reservation ends up paid once the payer retries.
  const unpaid = result.reserved.filter((id) => !result.paid.has(id));
  const retried = await payUntilPaid(alice, unpaid, 60_000);
  t.is(retried.size, unpaid.length);

  // A charge is a PaymentApproved on the broker: count the distinct payments per reservation there,
  // and every payment id a payer was told.
  const approved = await eventually(async () => {
    const records = await recordsAbout(['PaymentApproved'], result.reserved);
    return new Set(records.map((r) => eventOf(r).data.reservationId)).size === result.reserved.length
      ? records
      : undefined;
  }, 60_000);
  const charges = new Map<string, Set<string>>();
  for (const r of approved) {
    const { reservationId, paymentId } = eventOf(r).data as { reservationId: string; paymentId: string };
    charges.set(reservationId, (charges.get(reservationId) ?? new Set()).add(paymentId));
  }
  for (const [id, paid] of [...result.paid, ...retried]) {
    charges.set(id, (charges.get(id) ?? new Set()).add(paid.payment.paymentId));
  }
  const twice = [...charges.entries()].filter(([, payments]) => payments.size > 1);
  t.deepEqual(twice, [], 'no reservation charged twice');
  t.is(charges.size, result.reserved.length, 'every accepted reservation paid');
  const rows = charges.size;
  const ok = availability(result.answers, (a) => (a.kind === 'reserve' ? a.status === 201 : a.status === 200));
  await figure(
    t,
    9,
    "payment's sidecar killed under load",
    `sidecar down ${((restartedAt - killedAt) / 1000).toFixed(1)} s; availability ${ok.toFixed(1)}% (${refused.length} payments refused with 503 + Retry-After, the rest carried by Dapr's retries, longest payment ${(longest / 1000).toFixed(1)} s); recovery ${recovery.toFixed(1)} s from kill to first payment through the new sidecar; ${result.reserved.length} accepted reservations, ${rows} payments, 0 double charges, 0 lost`,
    {
      availability: ok,
      refused: refused.length,
      longestPaymentMs: longest,
      reservations: result.reserved.length,
      payments: rows,
      recoverySeconds: recovery,
    },
  );
});
