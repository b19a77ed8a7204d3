import test from 'ava';
import { alice, as, oceanView, reservationApi } from './support/app.ts';

const stay = { roomId: oceanView.roomId, checkIn: '2030-03-01', nights: 2 };

test('a reservation placed while publishing fails is still placed, and the sweep publishes ReservationPlaced once', async (t) => {
  const { place, publisher, owed, sweep, reservations } = await reservationApi(t);
  publisher.down = true;
  const reply = await place(alice, stay);
  t.is(reply.status, 201);
  t.deepEqual(publisher.published, []);
  t.deepEqual([...owed], ['RSV-1']);
  t.deepEqual(
    reservations.all().map((record) => record.outbox.map((event) => event.id)),
    [['RSV-1.ReservationPlaced']],
  );

  publisher.down = false;
  await sweep();
  await sweep();
  t.deepEqual(
    publisher.published.map((event) => event.id),
    ['RSV-1.ReservationPlaced'],
  );
  t.deepEqual([...owed], []);
  t.deepEqual(reservations.all()[0]?.outbox, []);
});

test('reading the reservation publishes what it still owes', async (t) => {
  const { placed, read, publisher } = await reservationApi(t);
  publisher.down = true;
  const r = await placed(alice, stay);
  publisher.down = false;
  t.is((await read(alice, r.reservationId)).status, 200);
  await read(alice, r.reservationId);
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
  t.deepEqual(publisher.topics(), ['ReservationPlaced', 'ReservationCancelled']);
});
