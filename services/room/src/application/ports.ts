import type { OutgoingEvent } from '@roomstay/contracts';
import type { Outbox, Versioned } from '@roomstay/platform';
import type { Room } from '../domain/room.ts';

export interface RoomRecord {
  room: Room;
  outbox: OutgoingEvent[];
}

export interface RoomRepository {
  get(roomId: string): Promise<Versioned<RoomRecord> | undefined>;
  /** Creates the room and lists it in the catalogue. */
  create(record: RoomRecord): Promise<void>;
  replace(record: RoomRecord, etag: string): Promise<void>;
  /** Every room id, in the order the rooms were registered. */
  ids(): Promise<string[]>;
}

export interface RoomDeps {
  repository: RoomRepository;
  /** The events rooms owe, by room id (platform's outbox, with its relay). */
  outbox: Outbox<RoomRecord>;
  clock: { now(): string };
  ids: { roomId(): string };
}
