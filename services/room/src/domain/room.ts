// Room management: rooms and the nights they are booked, as the reservation
// events tell. Booking and releasing are idempotent per reservation, and do
// not depend on the order the two events arrive in (they come on different
// topics): a released reservation is remembered, and never booked afterwards.

export interface Booking {
  reservationId: string;
  checkIn: string;
  checkOut: string;
}

export interface Room {
  roomId: string;
  name: string;
  price: number;
  booked: Booking[];
  /** Reservations cancelled, so that a late ReservationPlaced does not book them. */
  released: string[];
  registeredAt: string;
}

export function register(input: { name: string; price: number }, roomId: string, now: string): Room {
  return { roomId, name: input.name, price: input.price, booked: [], released: [], registeredAt: now };
}

export function book(room: Room, booking: Booking): Room {
  if (room.booked.some((b) => b.reservationId === booking.reservationId)) return room;
  if ((room.released ?? []).includes(booking.reservationId)) return room;
  const booked = [...room.booked, booking].sort((a, b) => a.checkIn.localeCompare(b.checkIn));
  return { ...room, booked };
}

export function release(room: Room, reservationId: string): Room {
  const released = room.released ?? [];
  if (released.includes(reservationId)) return room;
  return {
    ...room,
    booked: room.booked.filter((b) => b.reservationId !== reservationId),
    released: [...released, reservationId],
  };
}

const DAY_MS = 86_400_000;

/** Whether no booking holds any of the nights from checkIn for `nights` nights (checkout day is free again). */
export function isFree(room: Room, checkIn: string, nights: number): boolean {
  const checkOut = new Date(Date.parse(`${checkIn}T00:00:00Z`) + nights * DAY_MS).toISOString().slice(0, 10);
  return !room.booked.some((b) => b.checkIn < checkOut && checkIn < b.checkOut);
}
