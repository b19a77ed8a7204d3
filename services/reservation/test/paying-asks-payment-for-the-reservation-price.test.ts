import test from 'ava';
import { PaymentResult, Reservation } from '@roomstay/contracts';
import { bodyAs, errorOf } from '../../../packages/platform/test/support/http.ts';
import { alice, as, oceanView, reservationApi } from './support/app.ts';

const PayOutcome = PaymentResult.extend({ reservation: Reservation });

test('paying asks payment for the reservation price in the customer name and marks it paid', async (t) => {
  const { placed, api, payments, read } = await reservationApi(t);
  const r = await placed(alice, { roomId: oceanView.roomId, checkIn: '2030-03-01', nights: 2 });
  const reply = await api.post(`/reservations/${r.reservationId}/payment`, undefined, as(alice));
  t.is(reply.status, 200);
  const outcome = bodyAs(PayOutcome, reply);
  t.like(outcome, {
    reservation: { status: 'paid' },
    payment: { paymentId: `PAY-${r.reservationId}`, paymentPrice: 100_000 },
  });
  t.deepEqual(payments.approvals, [
    { reservationId: r.reservationId, customerId: 'alice', customerName: 'Alice Kim', paymentPrice: 100_000 },
  ]);
  t.is(bodyAs(Reservation, await read(alice, r.reservationId)).status, 'paid');
});

test('payment unavailable answers 503 with Retry-After and leaves the reservation unchanged', async (t) => {
  const { placed, api, payments, read, reservations } = await reservationApi(t);
  const r = await placed(alice, { roomId: oceanView.roomId, checkIn: '2030-03-01', nights: 2 });
  const before = reservations.all();
  payments.approveAs = 'unavailable';
  const reply = await api.post(`/reservations/${r.reservationId}/payment`, undefined, as(alice));
  t.is(reply.status, 503);
  t.is(errorOf(reply).code, 'service_unavailable');
  t.truthy(reply.headers.get('retry-after'));
  t.true(Number(reply.headers.get('retry-after')) > 0);
  t.deepEqual(reservations.all(), before);
  t.is(bodyAs(Reservation, await read(alice, r.reservationId)).status, 'reserved');
});

test('a payment refused by payment answers 409 reservation_not_payable and leaves the reservation unchanged', async (t) => {
  const { placed, api, payments, read } = await reservationApi(t);
  const r = await placed(alice, { roomId: oceanView.roomId, checkIn: '2030-03-01', nights: 2 });
  payments.approveAs = 'refused';
  const reply = await api.post(`/reservations/${r.reservationId}/payment`, undefined, as(alice));
  t.is(reply.status, 409);
  t.is(errorOf(reply).code, 'reservation_not_payable');
  t.is(bodyAs(Reservation, await read(alice, r.reservationId)).status, 'reserved');
});

test('paying an unknown reservation answers 404 and asks payment nothing', async (t) => {
  const { api, payments } = await reservationApi(t);
  const reply = await api.post('/reservations/RSV-404/payment', undefined, as(alice));
  t.is(reply.status, 404);
  t.deepEqual(payments.approvals, []);
});
