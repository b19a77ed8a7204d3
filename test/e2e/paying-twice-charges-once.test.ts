import test from 'ava';
import type { Reservation } from '@roomstay/contracts';
import { call, reservableRoom, stay, users } from '../support/api.ts';

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
  t.is(third.body.promotion.couponId, first.body.promotion.couponId);
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
