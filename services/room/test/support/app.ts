import { Room, RoomList, type RegisterRoom } from '@roomstay/contracts';
import { callerHeaders, ConcurrencyConflict, DueList, makeOutbox, silentLogger, type Caller } from '@roomstay/platform';
import { z } from 'zod';
import { InMemoryDocuments } from '../../../../packages/platform/test/support/documents.ts';
import type { ExecutionContext } from 'ava';
import { createApp } from '../../src/app.ts';
import type { RoomDeps } from '../../src/application/ports.ts';
import {
  bodyAs,
  serve,
  type Client,
  type Reply,
  testAppToken,
} from '../../../../packages/platform/test/support/http.ts';
import { InMemoryRooms, RecordingPublisher } from './fakes.ts';

export const admin: Caller = { customerId: 'root', name: 'Admin', role: 'admin' };
export const alice: Caller = { customerId: 'alice', name: 'Alice', role: 'customer' };

export interface RoomHarness {
  api: Client;
  rooms: InMemoryRooms;
  publisher: RecordingPublisher;
  /** The outbox relay's pass, run by hand. */
  relay: () => Promise<number>;
  /** Moves the relay's clock on. */
  advance(ms: number): void;
  register(caller: Caller, body: unknown): Promise<Reply>;
  registered(body: RegisterRoom): Promise<Room>;
  /** Whether the public room list says the room is free for the stay. */
  available(roomId: string, checkIn: string, nights: number): Promise<boolean>;
}

/** The room app in process over in-memory ports; room ids are ROOM-1, ROOM-2, ... */
export async function roomApi(t: ExecutionContext): Promise<RoomHarness> {
  const rooms = new InMemoryRooms();
  const publisher = new RecordingPublisher();
  let ids = 0;
  let now = Date.UTC(2030, 0, 1);
  const deps: RoomDeps = {
    repository: rooms,
    outbox: makeOutbox({
      owed: new DueList<string>(new InMemoryDocuments(ConcurrencyConflict), z.string(), {
        name: 'outbox',
        windowMs: 2_000,
        slots: 16,
      }),
      loadMany: (ids) => Promise.all(ids.map((id) => rooms.get(id))),
      replace: (record, etag) => rooms.replace(record, etag),
      publish: publisher.publish,
      now: () => now,
    }),
    clock: { now: () => '2030-01-01T00:00:00.000Z' },
    ids: { roomId: () => `ROOM-${++ids}` },
  };
  await deps.outbox.relay(); // as main.ts does at start
  const api = await serve(t, createApp({ ...deps, logger: silentLogger, appToken: testAppToken }));
  const register = (caller: Caller, body: unknown) => api.post('/rooms', body, callerHeaders(caller));
  return {
    api,
    rooms,
    publisher,
    relay: () => deps.outbox.relay(),
    advance: (ms) => void (now += ms),
    register,
    async available(roomId, checkIn, nights) {
      const list = bodyAs(RoomList, await api.get(`/rooms?checkIn=${checkIn}&nights=${nights}&limit=100`));
      const room = list.rooms.find((r) => r.roomId === roomId);
      if (room?.available === undefined) throw new Error(`room ${roomId} is not in the list with its availability`);
      return room.available;
    },
    async registered(body) {
      const reply = await register(admin, body);
      if (reply.status !== 201) throw new Error(`registering answered ${reply.status}: ${JSON.stringify(reply.body)}`);
      return bodyAs(Room, reply);
    },
  };
}
