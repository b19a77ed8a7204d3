import test from 'ava';
import { makeUpdateAvailability } from '../src/application/rooms.ts';
import { register, type Room } from '../src/domain/room.ts';
import { InMemoryRooms } from './support/fakes.ts';

const booking = { reservationId: 'RSV-1', checkIn: '2030-03-01', checkOut: '2030-03-02' };

// Rooms written before cancellations were remembered have no `released` list.
test('a room stored without a list of released reservations books, frees and then remembers the release', async (t) => {
  const rooms = new InMemoryRooms();
  const { released: _released, ...legacy } = register(
    { name: 'Ocean', price: 1 },
    'ROOM-1',
    '2030-01-01T00:00:00.000Z',
  );
  await rooms.create({ room: legacy as Room, outbox: [] });
  const update = makeUpdateAvailability({
    repository: rooms,
    outbox: { owe: async () => undefined, settleSoon: () => undefined, relay: async () => 0 },
    clock: { now: () => '2030-01-01T00:00:00.000Z' },
    ids: { roomId: () => 'ROOM-2' },
  });
  t.is(await update.booked('ROOM-1', booking), 'handled');
  t.deepEqual((await rooms.get('ROOM-1'))?.value.room.booked, [booking]);
  // Booking kept the document as it was: still without the list.
  const stored = await rooms.get('ROOM-1');
  t.false(stored !== undefined && 'released' in stored.value.room && stored.value.room.released.length > 0);
  t.is(await update.released('ROOM-1', 'RSV-1'), 'handled');
  const room = (await rooms.get('ROOM-1'))?.value.room;
  t.deepEqual([room?.booked, room?.released], [[], ['RSV-1']]);
});
