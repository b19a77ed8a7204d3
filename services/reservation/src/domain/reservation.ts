// A customer's hold on a room for dates, and its life:
// reserved -> paid -> completed (the promotion is granted), any -> cancelled,
// reserved -> expired (not paid within the hold time).

export type ReservationStatus = 'reserved' | 'paid' | 'completed' | 'cancelled' | 'expired';

/** A room as reservation knows it: its own copy of the catalogue, fed by RoomRegistered. */
export interface CatalogueRoom {
  roomId: string;
  name: string;
  price: number;
}

export interface Stay {
  checkIn: string;
  checkOut: string;
}

export interface Reservation extends Stay {
  reservationId: string;
  customerId: string;
  customerName: string;
  roomId: string;
  nights: number;
  price: number;
  status: ReservationStatus;
  paymentId: string | null;
  createdAt: string;
  /** Until when an unpaid reservation holds its nights. */
  expiresAt: string;
  cancelledAt: string | null;
  cancelReason: string | null;
}

const DAY_MS = 86_400_000;

/** Nights between two calendar dates (YYYY-MM-DD); checkOut is the morning of departure. */
export function nightsOf(stay: Stay): number {
  return Math.round((Date.parse(`${stay.checkOut}T00:00:00Z`) - Date.parse(`${stay.checkIn}T00:00:00Z`)) / DAY_MS);
}

/** The stay that begins on checkIn and lasts `nights` nights. */
export function stayFrom(checkIn: string, nights: number): Stay {
  const checkOut = new Date(Date.parse(`${checkIn}T00:00:00Z`) + nights * DAY_MS).toISOString().slice(0, 10);
  return { checkIn, checkOut };
}

/** The nights a stay takes, by date: checkIn up to the day before checkOut. */
export function nightsIn(stay: Stay): string[] {
  const first = Date.parse(`${stay.checkIn}T00:00:00Z`);
  return Array.from({ length: Math.max(0, nightsOf(stay)) }, (_, i) =>
    new Date(first + i * DAY_MS).toISOString().slice(0, 10),
  );
}

/** Two stays overlap when each begins before the other ends (checkOut is free again). */
export function overlaps(a: Stay, b: Stay): boolean {
  return a.checkIn < b.checkOut && b.checkIn < a.checkOut;
}

/** The price is the room's price per night times the nights, never what a client says. */
export function place(
  input: { reservationId: string; customerId: string; customerName: string; room: CatalogueRoom; stay: Stay },
  now: string,
  holdMs: number,
): Reservation {
  const nights = nightsOf(input.stay);
  return {
    reservationId: input.reservationId,
    customerId: input.customerId,
    customerName: input.customerName,
    roomId: input.room.roomId,
    checkIn: input.stay.checkIn,
    checkOut: input.stay.checkOut,
    nights,
    price: input.room.price * nights,
    status: 'reserved',
    paymentId: null,
    createdAt: now,
    expiresAt: new Date(Date.parse(now) + holdMs).toISOString(),
    cancelledAt: null,
    cancelReason: null,
  };
}

/** What a reservation is, apart from its life: what ReservationPlaced tells. */
export function factsOf(
  r: Reservation,
): Omit<
  Reservation,
  'customerName' | 'status' | 'paymentId' | 'createdAt' | 'expiresAt' | 'cancelledAt' | 'cancelReason'
> {
  const { reservationId, customerId, roomId, checkIn, checkOut, nights, price } = r;
  return { reservationId, customerId, roomId, checkIn, checkOut, nights, price };
}

/** Whether a reservation's hold has run out unpaid (it may not have been marked expired yet). */
export const holdRunOut = (r: Reservation, now: string): boolean =>
  (r.status === 'reserved' && r.expiresAt <= now) || r.status === 'expired';

/** Why a reservation cannot be paid, if it cannot. */
export function unpayable(r: Reservation, now: string): 'cancelled' | 'expired' | undefined {
  if (r.status === 'cancelled') return 'cancelled';
  return holdRunOut(r, now) ? 'expired' : undefined;
}

/** An unpaid hold whose time has run out lets its nights go; anything else stays as it is. */
export function expire(r: Reservation, now: string): Reservation {
  if (r.status !== 'reserved' || r.expiresAt > now) return r;
  return { ...r, status: 'expired', cancelledAt: now, cancelReason: 'not paid within the hold time' };
}

/**
 * A reservation's flow is over once it is completed (paid, its promotion
 * granted), cancelled or expired: only a cancellation of a completed stay can
 * change it still.
 */
export const flowIsOver = (r: Reservation): boolean =>
  r.status === 'completed' || r.status === 'cancelled' || r.status === 'expired';

/** Ended reservations hold no nights and take no payment. */
export const hasEnded = (r: Reservation): boolean => r.status === 'cancelled' || r.status === 'expired';

/**
 * How many unpaid holds a customer may have at once (0: no cap). A customer
 * at the cap places nothing more until one is paid, cancelled or expired.
 */
export const mayHoldAnother = (unpaidHolds: number, limit: number): boolean => limit === 0 || unpaidHolds < limit;

/** Payment approved. A reservation already paid or completed stays as it is. */
export function markPaid(r: Reservation, paymentId: string): Reservation {
  if (r.status !== 'reserved') return r.paymentId ? r : { ...r, paymentId };
  return { ...r, status: 'paid', paymentId };
}

/**
 * The promotion was granted, so the payment went through: completed. This may
 * arrive before the payment's answer does; a cancelled reservation stays cancelled.
 */
export function markCompleted(r: Reservation, paymentId: string): Reservation {
  if (hasEnded(r) || r.status === 'completed') return r;
  return { ...r, status: 'completed', paymentId: r.paymentId ?? paymentId };
}

export function cancel(r: Reservation, reason: string, now: string): Reservation {
  if (hasEnded(r)) return r;
  return { ...r, status: 'cancelled', cancelledAt: now, cancelReason: reason };
}

/** Whose reservation may a caller see: their own, or any for an administrator. */
export const visibleTo = (r: Reservation, caller: { customerId: string; role: 'customer' | 'admin' }): boolean =>
  caller.role === 'admin' || r.customerId === caller.customerId;
