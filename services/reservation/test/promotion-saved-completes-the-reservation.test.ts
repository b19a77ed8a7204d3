import test from 'ava';
import { Reservation, type EventPayload } from '@roomstay/contracts';
import { bodyAs } from '../../../packages/platform/test/support/http.ts';
import { alice, as, oceanView, reservationApi } from './support/app.ts';

const saved = (reservationId: string): EventPayload<'PromotionSaved'> => ({
  couponId: 'CPN-1',
  paymentId: `PAY-${reservationId}`,
  reservationId,
  customerId: 'alice',
  customerName: 'Alice Kim',
  paymentPrice: 100_000,
  paymentStatus: 'Y',
  service: 'DISCOUNT COUPON',
  point: 10_000,
});

const stay = { roomId: oceanView.roomId, checkIn: '2030-03-01', nights: 2 };

test('PromotionSaved completes a paid reservation', async (t) => {
  const { placed, api, read } = await reservationApi(t);
  const r = await placed(alice, stay);
  await api.post(`/reservations/${r.reservationId}/payment`, undefined, as(alice));
  t.is(await api.deliver('PromotionSaved', `PAY-${r.reservationId}.PromotionSaved`, saved(r.reservationId)), 'SUCCESS');
  t.is(bodyAs(Reservation, await read(alice, r.reservationId)).status, 'completed');
});

test('PromotionSaved before the payment answer completes the reservation, and the answer leaves it completed', async (t) => {
  const { placed, api, read } = await reservationApi(t);
  const r = await placed(alice, stay);
  t.is(await api.deliver('PromotionSaved', `PAY-${r.reservationId}.PromotionSaved`, saved(r.reservationId)), 'SUCCESS');
  t.is(bodyAs(Reservation, await read(alice, r.reservationId)).status, 'completed');
  const paid = await api.post(`/reservations/${r.reservationId}/payment`, undefined, as(alice));
  t.is(paid.status, 200);
  t.is(bodyAs(Reservation, await read(alice, r.reservationId)).status, 'completed');
});

test('PromotionSaved delivered twice is applied once', async (t) => {
  const { placed, api, read } = await reservationApi(t);
  const r = await placed(alice, stay);
  for (let i = 0; i < 2; i++) {
    t.is(
      await api.deliver('PromotionSaved', `PAY-${r.reservationId}.PromotionSaved`, saved(r.reservationId)),
      'SUCCESS',
    );
  }
  t.is(bodyAs(Reservation, await read(alice, r.reservationId)).status, 'completed');
});

test('a cancelled reservation stays cancelled when PromotionSaved arrives late', async (t) => {
  const { placed, api, read } = await reservationApi(t);
  const r = await placed(alice, stay);
  await api.post(`/reservations/${r.reservationId}/cancel`, undefined, as(alice));
  t.is(await api.deliver('PromotionSaved', `PAY-${r.reservationId}.PromotionSaved`, saved(r.reservationId)), 'SUCCESS');
  t.is(bodyAs(Reservation, await read(alice, r.reservationId)).status, 'cancelled');
});

test('PromotionSaved for a reservation this service does not know is dropped', async (t) => {
  const { api } = await reservationApi(t);
  t.is(await api.deliver('PromotionSaved', 'PAY-X.PromotionSaved', saved('RSV-404')), 'DROP');
});

test('a room told by RoomRegistered can be reserved at its price', async (t) => {
  const { api, placed } = await reservationApi(t);
  t.is(
    await api.deliver('RoomRegistered', 'R-NEW.RoomRegistered', { roomId: 'R-NEW', name: 'Suite', price: 210_000 }),
    'SUCCESS',
  );
  const r = await placed(alice, { roomId: 'R-NEW', checkIn: '2030-03-01', nights: 2 });
  t.is(r.price, 420_000);
});
