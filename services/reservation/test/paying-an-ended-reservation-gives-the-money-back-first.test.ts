import test from 'ava';
import { errorOf } from '../../../packages/platform/test/support/http.ts';
import { alice, as, oceanView, reservationApi } from './support/app.ts';

const stay = { roomId: oceanView.roomId, checkIn: '2030-03-01', nights: 2 };

test('paying a reservation cancelled while payment was approving answers 409 reservation_not_payable naming it, after the refund', async (t) => {
  const h = await reservationApi(t);
  const r = await h.placed(alice, stay);
  let approve = () => {};
  h.payments.approvalGate = new Promise<void>((resolve) => {
    approve = resolve;
  });
  const paying = h.api.post(`/reservations/${r.reservationId}/payment`, undefined, as(alice));
  while (h.payments.approvals.length === 0) await new Promise((resolve) => setImmediate(resolve));
  await h.api.post(`/reservations/${r.reservationId}/cancel`, undefined, as(alice));
  approve();
  const answer = await paying;
  t.is(answer.status, 409);
  t.deepEqual(errorOf(answer), {
    code: 'reservation_not_payable',
    message: `reservation ${r.reservationId} is cancelled`,
  });
});

test('paying after the hold ran out while payment cannot refund answers 503 with Retry-After 5, so the payer comes back', async (t) => {
  const h = await reservationApi(t, { holdMs: 60_000, limit: 0 });
  const r = await h.placed(alice, stay);
  h.advance(61_000);
  h.payments.refundAs = 'unavailable';
  const answer = await h.api.post(`/reservations/${r.reservationId}/payment`, undefined, as(alice));
  t.is(answer.status, 503);
  t.is(errorOf(answer).code, 'service_unavailable');
  t.is(answer.headers.get('retry-after'), '5');
  t.deepEqual(h.payments.approvals, [], 'nothing is charged');
  h.payments.refundAs = 'refunded';
  const again = await h.api.post(`/reservations/${r.reservationId}/payment`, undefined, as(alice));
  t.is(again.status, 409);
  t.deepEqual(errorOf(again), {
    code: 'reservation_expired',
    message: `reservation ${r.reservationId} was not paid within its hold time`,
  });
});

test('paying a cancelled reservation refunds whatever payment holds and answers 409 reservation_not_payable', async (t) => {
  const h = await reservationApi(t);
  const r = await h.placed(alice, stay);
  await h.api.post(`/reservations/${r.reservationId}/cancel`, undefined, as(alice));
  const answer = await h.api.post(`/reservations/${r.reservationId}/payment`, undefined, as(alice));
  t.is(answer.status, 409);
  t.is(errorOf(answer).message, `reservation ${r.reservationId} is cancelled`);
  t.deepEqual(h.payments.log, [`refund ${r.reservationId}`, `refund ${r.reservationId}`]);
  t.deepEqual(h.payments.approvals, []);
});
