// Room management: rooms and the nights they are booked, as the reservation
// events tell. Booking and releasing are idempotent per reservation.

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
  registeredAt: string;
}

export function register(input: { name: string; price: number }, roomId: string, now: string): Room {
  return { roomId, name: input.name, price: input.price, booked: [], registeredAt: now };
}

export function book(room: Room, booking: Booking): Room {
  if (room.booked.some((b) => b.reservationId === booking.reservationId)) return room;
  const booked = [...room.booked, booking].sort((a, b) => a.checkIn.localeCompare(b.checkIn));
  return { ...room, booked };
}

export function release(room: Room, reservationId: string): Room {
  if (!room.booked.some((b) => b.reservationId === reservationId)) return room;
  return { ...room, booked: room.booked.filter((b) => b.reservationId !== reservationId) };
}
