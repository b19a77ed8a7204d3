import test from 'ava';
import { Reservation } from '@roomstay/contracts';
import { bodyAs, errorOf } from '../../../packages/platform/test/support/http.ts';
import { alice, as, bob, oceanView, reservationApi } from './support/app.ts';

const stay = { roomId: oceanView.roomId, checkIn: '2030-03-01', nights: 3 };

test('cancelling refunds the payment, marks the reservation cancelled and publishes ReservationCancelled', async (t) => {
  const { placed, api, payments, publisher } = await reservationApi(t);
  const r = await placed(alice, stay);
  await api.post(`/reservations/${r.reservationId}/payment`, undefined, as(alice));
  const reply = await api.post(`/reservations/${r.reservationId}/cancel`, { reason: 'plans changed' }, as(alice));
  t.is(reply.status, 200);
  t.is(bodyAs(Reservation, reply).status, 'cancelled');
  t.deepEqual(payments.refunds, [r.reservationId]);
  t.deepEqual(publisher.topics(), ['ReservationPlaced', 'ReservationCancelled']);
  t.like(publisher.published[1], {
    payload: { reservationId: r.reservationId, customerId: 'alice', reason: 'plans changed' },
  });
});

test('cancelling frees the nights: the same dates can be booked again', async (t) => {
  const { placed, place, api, nights } = await reservationApi(t);
  const r = await placed(alice, stay);
  t.is((await place(bob, stay)).status, 409);
  await api.post(`/reservations/${r.reservationId}/cancel`, undefined, as(alice));
  t.deepEqual(nights.holdersOf(oceanView.roomId), []);
  const again = await place(bob, stay);
  t.is(again.status, 201);
});

test('cancelling twice answers cancelled both times, refunds once and publishes once', async (t) => {
  const { placed, api, payments, publisher } = await reservationApi(t);
  const r = await placed(alice, stay);
  const first = await api.post(`/reservations/${r.reservationId}/cancel`, undefined, as(alice));
  const second = await api.post(`/reservations/${r.reservationId}/cancel`, undefined, as(alice));
  t.is(first.status, 200);
  t.is(second.status, 200);
  t.deepEqual(bodyAs(Reservation, second), bodyAs(Reservation, first));
  t.deepEqual(payments.refunds, [r.reservationId]);
  t.deepEqual(publisher.topics(), ['ReservationPlaced', 'ReservationCancelled']);
});

test('without a reason the cancellation says it was the customer', async (t) => {
  const { placed, api, publisher } = await reservationApi(t);
  const r = await placed(alice, stay);
  await api.post(`/reservations/${r.reservationId}/cancel`, undefined, as(alice));
  t.like(publisher.published[1], { topic: 'ReservationCancelled', payload: { reason: 'cancelled by customer' } });
});

test('when payment cannot refund, cancelling answers 503 and changes nothing', async (t) => {
  const { placed, place, api, payments, read, publisher } = await reservationApi(t);
  const r = await placed(alice, stay);
  payments.refundAs = 'unavailable';
  const reply = await api.post(`/reservations/${r.reservationId}/cancel`, undefined, as(alice));
  t.is(reply.status, 503);
  t.is(errorOf(reply).code, 'service_unavailable');
  t.truthy(reply.headers.get('retry-after'));
  t.is(bodyAs(Reservation, await read(alice, r.reservationId)).status, 'reserved');
  t.is((await place(bob, stay)).status, 409);
  t.deepEqual(publisher.topics(), ['ReservationPlaced']);
});

test('a cancelled reservation cannot be paid: 409 reservation_not_payable', async (t) => {
  const { placed, api, payments } = await reservationApi(t);
  const r = await placed(alice, stay);
  await api.post(`/reservations/${r.reservationId}/cancel`, undefined, as(alice));
  const reply = await api.post(`/reservations/${r.reservationId}/payment`, undefined, as(alice));
  t.is(reply.status, 409);
  t.is(errorOf(reply).code, 'reservation_not_payable');
  t.deepEqual(payments.approvals, []);
});

test('a cancel body with an unknown field answers 400 unknown_field and cancels nothing', async (t) => {
  const { placed, api, payments } = await reservationApi(t);
  const r = await placed(alice, stay);
  const reply = await api.post(`/reservations/${r.reservationId}/cancel`, { refund: false }, as(alice));
  t.is(reply.status, 400);
  t.like(errorOf(reply), { code: 'unknown_field', field: 'refund' });
  t.deepEqual(payments.refunds, []);
});
