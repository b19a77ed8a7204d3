// An in-memory RoomRepository with the concurrency of a Dapr state store.
import { ConcurrencyConflict, type Versioned } from '@roomstay/platform';
import type { OutgoingEvent } from '@roomstay/contracts';
import type { RoomRecord, RoomRepository } from '../../src/application/ports.ts';

export class InMemoryRooms implements RoomRepository {
  private readonly rooms = new Map<string, Versioned<RoomRecord>>();
  private version = 0;

  async get(roomId: string) {
    const stored = this.rooms.get(roomId);
    return stored ? structuredClone(stored) : undefined;
  }

  async create(record: RoomRecord) {
    if (this.rooms.has(record.room.roomId)) throw new ConcurrencyConflict(`room:${record.room.roomId} exists`);
    this.rooms.set(record.room.roomId, { value: structuredClone(record), etag: String(++this.version) });
  }

  async replace(record: RoomRecord, etag: string) {
    if (this.rooms.get(record.room.roomId)?.etag !== etag)
      throw new ConcurrencyConflict(`room:${record.room.roomId} changed`);
    this.rooms.set(record.room.roomId, { value: structuredClone(record), etag: String(++this.version) });
  }

  async ids() {
    return [...this.rooms.keys()];
  }
}

export class RecordingPublisher {
  readonly published: OutgoingEvent[] = [];
  down = false;
  readonly publish = async (event: OutgoingEvent): Promise<void> => {
    if (this.down) throw new Error('sidecar unreachable');
    this.published.push(structuredClone(event));
  };
}
