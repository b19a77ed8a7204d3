import type { RegisterRoom, Room as WireRoom, RoomList, RoomQuery, StayQuery } from '@roomstay/contracts';
import { AppError, pageOf, withOptimisticConcurrency, type Handled } from '@roomstay/platform';
import { book, isFree, register, release, type Booking, type Room } from '../domain/room.ts';
import { roomRegistered } from './events.ts';
import type { RoomDeps } from './ports.ts';

/** A room as the public sees it: never who booked it. */
export function toWire(room: Room, stay?: { checkIn: string; nights: number }): WireRoom {
  return {
    roomId: room.roomId,
    name: room.name,
    price: room.price,
    ...(stay ? { available: isFree(room, stay.checkIn, stay.nights) } : {}),
  };
}

export function makeRegisterRoom(deps: RoomDeps) {
  return async function registerRoom(input: RegisterRoom): Promise<WireRoom> {
    const room = register(input, deps.ids.roomId(), deps.clock.now());
    await deps.outbox.owe(room.roomId);
    await deps.repository.create({ room, outbox: [roomRegistered(room)] });
    const stored = await deps.repository.get(room.roomId);
    // The room exists once stored; RoomRegistered leaves now or with the outbox's relay.
    if (stored) deps.outbox.settleSoon(stored);
    return toWire(room);
  };
}

/** A page of rooms in the order they were registered; with a stay, whether each is free for it. */
/** The stay a query asks about: from checkIn, for `nights` nights (one unless said). */
function stayOf(query: StayQuery): { checkIn: string; nights: number } | undefined {
  return query.checkIn ? { checkIn: query.checkIn, nights: Number(query.nights ?? '1') } : undefined;
}

export function makeListRooms(deps: RoomDeps) {
  return async function listRooms(query: RoomQuery): Promise<RoomList> {
    const stay = stayOf(query);
    // Registration order is the catalogue's, which only grows: a position is a stable sort key.
    const positions = (await deps.repository.ids()).map((roomId, i) => ({ roomId, key: String(i).padStart(9, '0') }));
    const page = pageOf(positions, (p) => p.key, query);
    const rooms = await Promise.all(page.items.map((p) => deps.repository.get(p.roomId)));
    return {
      rooms: rooms.flatMap((stored) => (stored ? [toWire(stored.value.room, stay)] : [])),
      ...(page.next ? { next: page.next } : {}),
    };
  };
}

export function makeGetRoom(deps: RoomDeps) {
  return async function getRoom(roomId: string, query: StayQuery = {}): Promise<WireRoom> {
    const stay = stayOf(query);
    const stored = await deps.repository.get(roomId);
    if (!stored) throw new AppError('not_found', `no room ${roomId}`);
    return toWire(stored.value.room, stay);
  };
}

/** Keeps availability from reservation events: book on placed, release on cancelled. */
export function makeUpdateAvailability(deps: RoomDeps) {
  async function change(roomId: string, how: (room: Room) => Room): Promise<Handled> {
    // One try: a lost race is redelivered (resiliency.yaml bounds how often), and read afresh then.
    const outcome = await withOptimisticConcurrency(1, async (): Promise<Handled> => {
      const stored = await deps.repository.get(roomId);
      // A reservation for a room this service never registered cannot be applied.
      if (!stored) return 'unknown-subject';
      const next = how(stored.value.room);
      if (next !== stored.value.room) await deps.repository.replace({ ...stored.value, room: next }, stored.etag);
      return 'handled';
    });
    return outcome ?? 'lost-race';
  }
  return {
    booked: (roomId: string, booking: Booking) => change(roomId, (room) => book(room, booking)),
    released: (roomId: string, reservationId: string) => change(roomId, (room) => release(room, reservationId)),
  };
}
