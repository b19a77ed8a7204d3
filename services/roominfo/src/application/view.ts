// How events fold into one line of my page. Events of one reservation come on
// different topics, so their order is not guaranteed: every status only moves
// forward (reserved -> cancelled, Y -> REFUNDED, none -> pending -> granted ->
// revoked), which makes the fold independent of order and of repeats.
import type { EventPayload, MyPageReservation, ReservationTopic, Topic } from '@roomstay/contracts';
import { readByTopic } from '@roomstay/platform';

export type Line = MyPageReservation;
export type Patch = Partial<Line> & { reservationId: string };

const rank = {
  reservationStatus: { reserved: 1, cancelled: 2 },
  paymentStatus: { Y: 1, REFUNDED: 2 },
  promotionStatus: { none: 0, pending: 1, granted: 2, revoked: 3 },
} as const;

function later<K extends keyof typeof rank>(
  key: K,
  a: Line[K] | undefined,
  b: Line[K] | undefined,
): Line[K] | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  const table = rank[key] as Record<string, number>;
  return (table[String(b)] ?? 0) > (table[String(a)] ?? 0) ? b : a;
}

export function emptyLine(reservationId: string): Line {
  return { reservationId, promotionStatus: 'none' };
}

export function fold(line: Line, patch: Patch): Line {
  const merged: Line = { ...line };
  for (const [key, value] of Object.entries(patch) as Array<[keyof Line, unknown]>) {
    if (value !== undefined && key !== 'reservationStatus' && key !== 'paymentStatus' && key !== 'promotionStatus') {
      (merged as Record<string, unknown>)[key] = value;
    }
  }
  merged.reservationStatus = later('reservationStatus', line.reservationStatus, patch.reservationStatus);
  merged.paymentStatus = later('paymentStatus', line.paymentStatus, patch.paymentStatus);
  merged.promotionStatus = later('promotionStatus', line.promotionStatus, patch.promotionStatus) ?? 'none';
  // A revoked promotion keeps its coupon id for the record but earns nothing.
  return merged;
}

/** The patch one event makes, and whose page it is on. */
export interface Change {
  customerId: string;
  patch: Patch;
}

/** What each event about a reservation changes on its customer's page. */
export const patchOf: { [T in ReservationTopic]: (event: EventPayload<T>) => Change } = {
  ReservationPlaced: ({ customerId, reservationId, roomId, checkIn, checkOut, price }) => ({
    customerId,
    patch: { reservationId, roomId, checkIn, checkOut, price, reservationStatus: 'reserved' },
  }),
  ReservationCancelled: ({ customerId, reservationId, roomId, checkIn, checkOut }) => ({
    customerId,
    patch: { reservationId, roomId, checkIn, checkOut, reservationStatus: 'cancelled' },
  }),
  PaymentApproved: ({ customerId, reservationId, paymentId, paymentPrice }) => ({
    customerId,
    patch: { reservationId, paymentId, paymentPrice, paymentStatus: 'Y', promotionStatus: 'pending' },
  }),
  PaymentRefunded: ({ customerId, reservationId, paymentId, paymentPrice }) => ({
    customerId,
    patch: { reservationId, paymentId, paymentPrice, paymentStatus: 'REFUNDED' },
  }),
  PromotionSaved: ({ customerId, reservationId, paymentId, paymentPrice, couponId, service, point }) => ({
    customerId,
    patch: {
      reservationId,
      paymentId,
      paymentPrice,
      paymentStatus: 'Y',
      couponId,
      service,
      point,
      promotionStatus: 'granted',
    },
  }),
  PromotionRevoked: ({ customerId, reservationId, paymentId, couponId }) => ({
    customerId,
    patch: { reservationId, paymentId, couponId, promotionStatus: 'revoked' },
  }),
};

/** The change an event of any topic makes; none for a topic that is not about a reservation. */
export const patchFor = <T extends Topic>(topic: T, payload: EventPayload<T>): Change | undefined =>
  readByTopic(patchOf, topic, payload);
