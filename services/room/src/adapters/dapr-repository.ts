import { z } from 'zod';
import { AppError, DaprStateStore, DueList, withOptimisticConcurrency, type DaprClient } from '@roomstay/platform';
import type { RoomRecord, RoomRepository } from '../application/ports.ts';

interface Catalogue {
  roomIds: string[];
}

const catalogueKey = 'catalogue';
const roomKey = (roomId: string) => `room:${roomId}`;

/** Rooms in SQLite through the sidecar (components/statestore-room.yaml), plus a catalogue of their ids. */
export function daprRoomRepository(client: DaprClient, storeName = 'room-store'): RoomRepository {
  const rooms = new DaprStateStore<RoomRecord>(client, storeName);
  const catalogue = new DaprStateStore<Catalogue>(client, storeName);

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
  new DueList<string>(new DaprStateStore<unknown>(client, storeName), z.string(), {
    name: 'outbox',
    windowMs: 2_000,
    slots: 16,
  });
