import test from 'ava';
import { ConcurrencyConflict } from '@roomstay/platform';
import type { RoomRecord } from '../src/application/ports.ts';
import { makeUpdateAvailability } from '../src/application/rooms.ts';
import { register } from '../src/domain/room.ts';
import { InMemoryRooms } from './support/fakes.ts';

const booking = { reservationId: 'RSV-1', checkIn: '2030-03-01', checkOut: '2030-03-02' };

/** Rooms whose next replace fails as told. */
class FailingRooms extends InMemoryRooms {
  failure: Error | undefined;
  override async replace(record: RoomRecord, etag: string) {
    if (this.failure) throw this.failure;
    return super.replace(record, etag);
  }
}

async function roomsWithOne() {
  const rooms = new FailingRooms();
  await rooms.create({ room: register({ name: 'Ocean', price: 1 }, 'ROOM-1', '2030-01-01T00:00:00.000Z'), outbox: [] });
  const update = makeUpdateAvailability({
    repository: rooms,
    outbox: { owe: async () => undefined, settleSoon: () => undefined, relay: async () => 0 },
    clock: { now: () => '2030-01-01T00:00:00.000Z' },
    ids: { roomId: () => 'ROOM-2' },
  });
  return { rooms, update };
}

test('a booking or a release that loses the write to another replica asks for redelivery and changes nothing', async (t) => {
  const { rooms, update } = await roomsWithOne();
  rooms.failure = new ConcurrencyConflict('room:ROOM-1 changed');
  t.is(await update.booked('ROOM-1', booking), 'lost-race');
  rooms.failure = undefined;
  t.is(await update.booked('ROOM-1', booking), 'handled');
  rooms.failure = new ConcurrencyConflict('room:ROOM-1 changed');
  t.is(await update.released('ROOM-1', 'RSV-1'), 'lost-race');
  t.deepEqual((await rooms.get('ROOM-1'))?.value.room.booked, [booking]);
});

test('a store that fails otherwise fails the delivery as it failed', async (t) => {
  const { rooms, update } = await roomsWithOne();
  rooms.failure = new Error('state store unreachable');
  await t.throwsAsync(update.booked('ROOM-1', booking), { message: 'state store unreachable' });
});

test('an event that changes nothing writes nothing', async (t) => {
  const { rooms, update } = await roomsWithOne();
  t.is(await update.booked('ROOM-1', booking), 'handled');
  t.is(await update.released('ROOM-1', 'RSV-1'), 'handled');
  rooms.failure = new Error('no write expected');
  t.is(await update.booked('ROOM-1', booking), 'handled', 'a released reservation is not booked again');
  t.is(await update.released('ROOM-1', 'RSV-1'), 'handled');
});
