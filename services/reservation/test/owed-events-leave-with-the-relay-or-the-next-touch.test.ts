import test from 'ava';
import { alice, as, oceanView, reservationApi } from './support/app.ts';

const stay = { roomId: oceanView.roomId, checkIn: '2030-03-01', nights: 2 };

test('a reservation placed while publishing fails is still placed, and the relay publishes ReservationPlaced once', async (t) => {
  const { place, publisher, relay, reservations, advance } = await reservationApi(t);
  publisher.down = true;
  const reply = await place(alice, stay);
  t.is(reply.status, 201);
  t.deepEqual(publisher.published, []);
  t.deepEqual(
    reservations.all().map((record) => record.outbox.map((event) => event.id)),
    [['RSV-1.ReservationPlaced']],
  );
  // While the broker is down, the relay keeps the record owed.
  advance(5_000);
  await t.throwsAsync(relay());

  publisher.down = false;
  advance(1_000);
  t.is(await relay(), 1);
  advance(5_000);
  t.is(await relay(), 0);
  t.deepEqual(
    publisher.published.map((event) => event.id),
    ['RSV-1.ReservationPlaced'],
  );
  t.deepEqual(reservations.all()[0]?.outbox, []);
});

test('events owed by a process that died after its write leave with the relay of the next one', async (t) => {
  const { place, publisher, relay, reservations, advance } = await reservationApi(t);
  // The inline publish never happens: the process "dies" right after the write.
  publisher.down = true;
  t.is((await place(alice, stay)).status, 201);
  publisher.down = false;
  advance(2_000 + 2_001);
  await relay();
  t.deepEqual(publisher.topics(), ['ReservationPlaced']);
  t.deepEqual(reservations.all()[0]?.outbox, []);
});

test('reading the reservation publishes what it still owes', async (t) => {
  const { placed, read, publisher } = await reservationApi(t);
  publisher.down = true;
  const r = await placed(alice, stay);
  publisher.down = false;
  t.is((await read(alice, r.reservationId)).status, 200);
  await new Promise((resolve) => setImmediate(resolve));
  await read(alice, r.reservationId);
  await new Promise((resolve) => setImmediate(resolve));
  t.deepEqual(
    publisher.published.map((event) => event.id),
    [`${r.reservationId}.ReservationPlaced`],
  );
});

test('a cancellation publishes a placement still owed before its own event', async (t) => {
  const { placed, api, publisher } = await reservationApi(t);
  publisher.down = true;
  const r = await placed(alice, stay);
  publisher.down = false;
  await api.post(`/reservations/${r.reservationId}/cancel`, undefined, as(alice));
  await new Promise((resolve) => setImmediate(resolve));
  t.deepEqual(publisher.topics(), ['ReservationPlaced', 'ReservationCancelled']);
});
