// Reservation restarted with a short hold (4 s) and a cap of 2 unpaid holds
// per customer, on the real stack: the cap refuses with 429 and Retry-After,
// a hold that runs out unpaid expires everywhere (reservation, room, my page,
// notice), and paying it afterwards is refused with reservation_expired.
import test from 'ava';
import type { ErrorBody, Reservation } from '@roomstay/contracts';
import { call, eventually, myPageAll, noticesAll, reservableRoom, roomAvailable, stay, users } from '../support/api.ts';
import { stack } from '../support/stack.ts';

const HOLD_SECONDS = 4;

async function restartReservation(env: Record<string, string>): Promise<void> {
  await stack.stopInstance('reservation', 0);
  await stack.startInstance('reservation', 0, env);
}

test.before(async () => {
  await restartReservation({ RESERVATION_HOLD_SECONDS: String(HOLD_SECONDS), RESERVATION_HOLD_LIMIT: '2' });
});

test.after.always(async () => {
  await restartReservation({});
});

test('a customer holding two unpaid reservations gets 429 hold_limit_reached for a third, then may book once one expired', async (t) => {
  const bob = await users.bob();
  const roomId = await reservableRoom(40_000);
  const [first, second, third] = [stay(1), stay(1), stay(1)];
  const a = await call<Reservation>('POST', '/reservations', { token: bob, body: { roomId, ...first } });
  const b = await call<Reservation>('POST', '/reservations', { token: bob, body: { roomId, ...second } });
  t.is(a.status, 201);
  t.is(b.status, 201);
  const refused = await call<ErrorBody>('POST', '/reservations', { token: bob, body: { roomId, ...third } });
  t.is(refused.status, 429);
  t.is(refused.body.error.code, 'hold_limit_reached');
  const retryAfter = Number(refused.headers.get('retry-after'));
  t.true(retryAfter >= 1 && retryAfter <= HOLD_SECONDS, `Retry-After ${retryAfter}`);
  // Another customer books as usual meanwhile.
  const alice = await users.alice();
  t.is((await call('POST', '/reservations', { token: alice, body: { roomId, ...stay(1) } })).status, 201);
  // Once the holds ran out, bob may hold again.
  const later = await eventually(async () => {
    const again = await call<Reservation>('POST', '/reservations', { token: bob, body: { roomId, ...third } });
    return again.status === 201 ? again : undefined;
  }, 30_000);
  t.is(later.body.status, 'reserved');
});

test('an unpaid reservation expires when its hold runs out: room free again, my page and a notice tell, paying is refused', async (t) => {
  const alice = await users.alice();
  const roomId = await reservableRoom(70_000);
  const dates = stay(2);
  const placed = await call<Reservation>('POST', '/reservations', { token: alice, body: { roomId, ...dates } });
  t.is(placed.status, 201);
  const id = placed.body.reservationId;
  t.truthy(placed.body.expiresAt);
  await eventually(async () => ((await roomAvailable(roomId, dates)) ? undefined : true));

  const expired = await eventually(async () => {
    const read = await call<Reservation>('GET', `/reservations/${id}`, { token: alice });
    return read.body.status === 'expired' ? read.body : undefined;
  }, 30_000);
  t.is(expired.expiresAt, undefined);

  const paid = await call<ErrorBody>('POST', `/reservations/${id}/payment`, { token: alice });
  t.is(paid.status, 409);
  t.is(paid.body.error.code, 'reservation_expired');

  await eventually(async () => ((await roomAvailable(roomId, dates)) ? true : undefined));
  await eventually(async () => {
    const page = await myPageAll(alice);
    const line = page.body.reservations.find((r) => r.reservationId === id);
    return line?.reservationStatus === 'cancelled' && line.paymentStatus === undefined ? true : undefined;
  });
  const notice = await eventually(async () => {
    const notices = await noticesAll(alice);
    return notices.body.notices.find((n) => n.reservationId === id && /not paid within the hold time/.test(n.message));
  });
  t.truthy(notice);
});
