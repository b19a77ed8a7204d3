import test from 'ava';
import { errorOf } from '../../../packages/platform/test/support/http.ts';
import { alice, bob, garden, oceanView, reservationApi } from './support/app.ts';

const roomId = oceanView.roomId;

test('an overlapping booking of the same room answers 409 room_unavailable', async (t) => {
  const { placed, place, nights, reservations } = await reservationApi(t);
  const first = await placed(alice, { roomId, checkIn: '2030-03-01', nights: 3 });
  const reply = await place(bob, { roomId, checkIn: '2030-03-03', nights: 2 });
  t.is(reply.status, 409);
  t.is(errorOf(reply).code, 'room_unavailable');
  t.deepEqual(nights.holdersOf(roomId), [first.reservationId]);
  t.is(reservations.all().length, 1);
});

test('adjacent stays of the same room both succeed', async (t) => {
  const { placed, nights } = await reservationApi(t);
  const before = await placed(alice, { roomId, checkIn: '2030-03-01', nights: 2 });
  const after = await placed(bob, { roomId, checkIn: '2030-03-03', nights: 2 });
  const earlier = await placed(bob, { roomId, checkIn: '2030-02-27', nights: 2 });
  t.deepEqual(nights.holdersOf(roomId), [earlier.reservationId, before.reservationId, after.reservationId]);
  t.deepEqual(
    nights.of(roomId).map(([date]) => date),
    ['2030-02-27', '2030-02-28', '2030-03-01', '2030-03-02', '2030-03-03', '2030-03-04'],
  );
});

test('the same dates in another room succeed', async (t) => {
  const { placed } = await reservationApi(t);
  await placed(alice, { roomId, checkIn: '2030-03-01', nights: 3 });
  await t.notThrowsAsync(placed(bob, { roomId: garden.roomId, checkIn: '2030-03-01', nights: 3 }));
});

test('a booking refused for one taken night holds none of its other nights', async (t) => {
  const { placed, place, nights } = await reservationApi(t);
  const taken = await placed(alice, { roomId, checkIn: '2030-03-03', nights: 2 });
  t.is((await place(bob, { roomId, checkIn: '2030-03-01', nights: 3 })).status, 409);
  t.deepEqual(nights.holdersOf(roomId), [taken.reservationId]);
  await t.notThrowsAsync(placed(bob, { roomId, checkIn: '2030-03-01', nights: 2 }));
});

test('of five concurrent bookings of the same nights exactly one succeeds', async (t) => {
  const { place, nights, reservations } = await reservationApi(t);
  const replies = await Promise.all(
    Array.from({ length: 5 }, () => place(alice, { roomId, checkIn: '2030-03-01', nights: 2 })),
  );
  const statuses = replies.map((reply) => reply.status).sort();
  t.deepEqual(statuses, [201, 409, 409, 409, 409]);
  t.is(nights.holdersOf(roomId).length, 1);
  t.is(reservations.all().length, 1);
});
