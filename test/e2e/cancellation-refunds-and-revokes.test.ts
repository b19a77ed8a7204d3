import test from 'ava';
import type { Reservation } from '@roomstay/contracts';
import { call, eventually, reservableRoom, roomAvailable, stay, users, myPageAll, noticesAll } from '../support/api.ts';

test('cancelling a paid reservation refunds it, revokes its promotion on my page and frees the room', async (t) => {
  const alice = await users.alice();
  const roomId = await reservableRoom(100_000);
  const dates = stay(1);
  const placed = await call<Reservation>('POST', '/reservations', { token: alice, body: { roomId, ...dates } });
  const id = placed.body.reservationId;
  const paid = await call<{ promotion: { couponId: string; point: number } }>('POST', `/reservations/${id}/payment`, {
    token: alice,
  });
  t.is(paid.status, 200);
  await eventually(async () => {
    const page = await myPageAll(alice);
    return page.body.reservations.some((r) => r.reservationId === id && r.promotionStatus === 'granted')
      ? true
      : undefined;
  });

  const cancelled = await call<Reservation>('POST', `/reservations/${id}/cancel`, {
    token: alice,
    body: { reason: 'plans changed' },
  });
  t.is(cancelled.status, 200);
  t.is(cancelled.body.status, 'cancelled');
  const again = await call<Reservation>('POST', `/reservations/${id}/cancel`, { token: alice });
  t.is(again.status, 200, 'cancelling again is harmless');
  t.is(again.body.status, 'cancelled');

  const line = await eventually(async () => {
    const page = await myPageAll(alice);
    const found = page.body.reservations.find((r) => r.reservationId === id);
    return found?.promotionStatus === 'revoked' &&
      found.paymentStatus === 'REFUNDED' &&
      found.reservationStatus === 'cancelled'
      ? { found, page: page.body }
      : undefined;
  });
  t.false(
    line.page.coupons.some((c) => c.couponId === paid.body.promotion.couponId),
    'the coupon is gone from my page',
  );

  const rebooked = await call<Reservation>('POST', '/reservations', { token: alice, body: { roomId, ...dates } });
  t.is(rebooked.status, 201, 'the same dates can be booked again');

  // Room management learns of the cancellation from the event; then the public list shows the dates free.
  const other = await call<Reservation>('POST', `/reservations/${rebooked.body.reservationId}/cancel`, {
    token: alice,
  });
  t.is(other.status, 200);
  await eventually(async () => ((await roomAvailable(roomId, dates)) ? true : undefined));
  const notices = await eventually(async () => {
    const list = await noticesAll(alice);
    const kinds = new Set(list.body.notices.filter((n) => n.reservationId === id).map((n) => n.kind));
    return kinds.has('promotion-revoked') && kinds.has('payment-refunded') && kinds.has('reservation-cancelled')
      ? kinds
      : undefined;
  });
  t.true(notices.has('promotion-revoked'));
});
