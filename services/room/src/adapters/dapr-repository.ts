import { z } from 'zod';
import { OutgoingEvent } from '@roomstay/contracts';
import { AppError, DueList, withOptimisticConcurrency } from '@roomstay/platform';
import { DaprStateStore, type DaprClient } from '@roomstay/platform/dapr';
import type { RoomRecord, RoomRepository } from '../application/ports.ts';

/** A room as stored; rooms stored before releases were remembered have no list of them. */
const StoredRoom: z.ZodType<RoomRecord> = z.strictObject({
  room: z.strictObject({
    roomId: z.string(),
    name: z.string(),
    price: z.number(),
    booked: z.array(z.strictObject({ reservationId: z.string(), checkIn: z.string(), checkOut: z.string() })),
    released: z.array(z.string()).default([]),
    registeredAt: z.string(),
  }),
  outbox: z.array(OutgoingEvent),
});

const Catalogue = z.strictObject({ roomIds: z.array(z.string()) });

const catalogueKey = 'catalogue';
const roomKey = (roomId: string) => `room:${roomId}`;

/** Rooms in SQLite through the sidecar (components/statestore-room.yaml), plus a catalogue of their ids. */
export function daprRoomRepository(client: DaprClient, storeName = 'room-store'): RoomRepository {
  const rooms = new DaprStateStore(client, storeName, StoredRoom);
  const catalogue = new DaprStateStore(client, storeName, Catalogue);

  /** Optimistic concurrency on the one catalogue document: re-read and re-apply on a lost race. */
  async function addToCatalogue(roomId: string): Promise<void> {
    const added = await withOptimisticConcurrency(8, async () => {
      const current = await catalogue.get(catalogueKey);
      const roomIds = current?.value.roomIds ?? [];
      if (!roomIds.includes(roomId)) {
        await catalogue.save(catalogueKey, { roomIds: [...roomIds, roomId] }, { etag: current?.etag ?? null });
      }
      return true;
    });
    if (added) return;
    throw new AppError('service_unavailable', 'the room catalogue is busy');
  }

  return {
    get: (roomId) => rooms.get(roomKey(roomId)),
    async create(record) {
      await rooms.save(roomKey(record.room.roomId), record, { etag: null });
      await addToCatalogue(record.room.roomId);
    },
    replace: (record, etag) => rooms.save(roomKey(record.room.roomId), record, { etag }),
    ids: async () => (await catalogue.get(catalogueKey))?.value.roomIds ?? [],
  };
}

/** Rooms that owe events (by room id), for the outbox's relay. */
export const daprOwedRooms = (client: DaprClient, storeName = 'room-store'): DueList<string> =>
  new DueList<string>(new DaprStateStore(client, storeName, z.unknown()), z.string(), {
    name: 'outbox',
    windowMs: 2_000,
    slots: 16,
  });
