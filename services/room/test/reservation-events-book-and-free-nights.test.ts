import test from 'ava';
import type { EventPayload } from '@roomstay/contracts';
import { roomApi } from './support/app.ts';

const placed = (
  reservationId: string,
  roomId: string,
  checkIn: string,
  checkOut: string,
): EventPayload<'ReservationPlaced'> => ({
  reservationId,
  customerId: 'alice',
  roomId,
  checkIn,
  checkOut,
  nights: 1,
  price: 50_000,
});

const cancelled = (reservationId: string, roomId: string): EventPayload<'ReservationCancelled'> => ({
  reservationId,
  customerId: 'alice',
  roomId,
  checkIn: '2030-03-01',
  checkOut: '2030-03-02',
  reason: 'plans changed',
});

test('ReservationPlaced books the nights on the room, once even when delivered twice', async (t) => {
  const { api, registered, available, rooms } = await roomApi(t);
  const { roomId } = await registered({ name: 'Ocean view', price: 50_000 });
  t.is(
    await api.deliver(
      'ReservationPlaced',
      'RSV-2.ReservationPlaced',
      placed('RSV-2', roomId, '2030-03-05', '2030-03-06'),
    ),
    'SUCCESS',
  );
  t.is(
    await api.deliver(
      'ReservationPlaced',
      'RSV-1.ReservationPlaced',
      placed('RSV-1', roomId, '2030-03-01', '2030-03-02'),
    ),
    'SUCCESS',
  );
  t.is(
    await api.deliver(
      'ReservationPlaced',
      'RSV-1.ReservationPlaced',
      placed('RSV-1', roomId, '2030-03-01', '2030-03-02'),
    ),
    'SUCCESS',
  );
  t.false(await available(roomId, '2030-03-01', 1));
  t.false(await available(roomId, '2030-03-05', 1));
  t.true(await available(roomId, '2030-03-02', 3), 'the nights between stay free');
  t.deepEqual(
    (await rooms.get(roomId))?.value.room.booked.map((b) => b.reservationId),
    ['RSV-1', 'RSV-2'],
    'booked once each, in date order',
  );
});

test('ReservationCancelled frees the nights, and again changes nothing', async (t) => {
  const { api, registered, available } = await roomApi(t);
  const { roomId } = await registered({ name: 'Ocean view', price: 50_000 });
  await api.deliver(
    'ReservationPlaced',
    'RSV-1.ReservationPlaced',
    placed('RSV-1', roomId, '2030-03-01', '2030-03-02'),
  );
  await api.deliver(
    'ReservationPlaced',
    'RSV-2.ReservationPlaced',
    placed('RSV-2', roomId, '2030-03-05', '2030-03-06'),
  );
  t.is(await api.deliver('ReservationCancelled', 'RSV-1.ReservationCancelled', cancelled('RSV-1', roomId)), 'SUCCESS');
  t.is(await api.deliver('ReservationCancelled', 'RSV-1.ReservationCancelled', cancelled('RSV-1', roomId)), 'SUCCESS');
  t.true(await available(roomId, '2030-03-01', 1));
  t.false(await available(roomId, '2030-03-05', 1));
});

test('a reservation event for a room this service never registered is dropped', async (t) => {
  const { api } = await roomApi(t);
  t.is(
    await api.deliver(
      'ReservationPlaced',
      'RSV-1.ReservationPlaced',
      placed('RSV-1', 'ROOM-404', '2030-03-01', '2030-03-02'),
    ),
    'DROP',
  );
  t.is(await api.deliver('ReservationCancelled', 'RSV-1.ReservationCancelled', cancelled('RSV-1', 'ROOM-404')), 'DROP');
});
