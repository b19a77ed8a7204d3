import test from 'ava';
import type { Reservation } from '@roomstay/contracts';
import { call, eventually, myPageAll, reservableRoom, stay, users } from '../support/api.ts';
import { eventOf, recordsAbout } from '../support/kafka.ts';

interface Paid {
  payment: { paymentId: string };
  promotion: { couponId?: string };
}

test('paying a reservation twice charges once and grants one promotion', async (t) => {
  const alice = await users.alice();
  const roomId = await reservableRoom(70_000);
  const placed = await call<Reservation>('POST', '/reservations', { token: alice, body: { roomId, ...stay(1) } });
  const path = `/reservations/${placed.body.reservationId}/payment`;
  const [first, second] = await Promise.all([
    call<Paid>('POST', path, { token: alice }),
    call<Paid>('POST', path, { token: alice }),
  ]);
  t.is(first.status, 200);
  t.is(second.status, 200);
  t.is(first.body.payment.paymentId, second.body.payment.paymentId);
  const third = await call<Paid>('POST', path, { token: alice });
  t.is(third.body.payment.paymentId, first.body.payment.paymentId);

  // One promotion, whichever answer said "granted" or "pending": my page shows it granted, ...
  const id = placed.body.reservationId;
  const line = await eventually(async () => {
    const page = await myPageAll(alice);
    const found = page.body.reservations.find((r) => r.reservationId === id);
    return found?.promotionStatus === 'granted' ? found : undefined;
  });
  // ... every answer that named a coupon named that one, ...
  const named = [first, second, third].map((a) => a.body.promotion.couponId).filter((c) => c !== undefined);
  t.true(
    named.every((c) => c === line.couponId),
    `coupons named ${JSON.stringify(named)}, granted ${line.couponId}`,
  );
  // ... and the broker carries one payment and one promotion for the reservation (by id, re-deliveries aside).
  const records = await recordsAbout(['PaymentApproved', 'PromotionSaved'], [id]);
  const distinct = (topic: string, field: string) =>
    new Set(records.filter((r) => r.topic === topic).map((r) => String(eventOf(r).data[field]))).size;
  t.is(distinct('PaymentApproved', 'paymentId'), 1, 'one payment');
  t.is(distinct('PromotionSaved', 'couponId'), 1, 'one promotion');
});

test('an Idempotency-Key replays the first answer, and reusing it for another request is refused', async (t) => {
  const alice = await users.alice();
  const roomId = await reservableRoom(55_000);
  const [a, b] = await Promise.all([
    call<Reservation>('POST', '/reservations', { token: alice, body: { roomId, ...stay(1) } }),
    call<Reservation>('POST', '/reservations', { token: alice, body: { roomId, ...stay(1) } }),
  ]);
  const key = `key-${a.body.reservationId}`;
  const first = await call<Paid>('POST', `/reservations/${a.body.reservationId}/payment`, {
    token: alice,
    headers: { 'idempotency-key': key },
  });
  const replay = await call<Paid>('POST', `/reservations/${a.body.reservationId}/payment`, {
    token: alice,
    headers: { 'idempotency-key': key },
  });
  t.is(first.status, 200);
  t.deepEqual(replay.body, first.body);
  const misuse = await call<{ error: { code: string } }>('POST', `/reservations/${b.body.reservationId}/payment`, {
    token: alice,
    headers: { 'idempotency-key': key },
  });
  t.is(misuse.status, 422);
  t.is(misuse.body.error.code, 'idempotency_key_reused');
});
