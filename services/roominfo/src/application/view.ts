// How events fold into one line of my page. Events of one reservation come on
// different topics, so their order is not guaranteed: every status only moves
// forward (reserved -> cancelled, Y -> REFUNDED, none -> pending -> granted ->
// revoked), which makes the fold independent of order and of repeats.
import type { EventPayload, MyPageReservation, Topic } from '@roomstay/contracts';

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
export function patchFor<T extends Topic>(
  topic: T,
  payload: EventPayload<T>,
): { customerId: string; patch: Patch } | undefined {
  const e = payload as EventPayload<Topic>;
  switch (topic) {
    case 'ReservationPlaced': {
      const p = e as EventPayload<'ReservationPlaced'>;
      return {
        customerId: p.customerId,
        patch: {
          reservationId: p.reservationId,
          roomId: p.roomId,
          checkIn: p.checkIn,
          checkOut: p.checkOut,
          price: p.price,
          reservationStatus: 'reserved',
        },
      };
    }
    case 'ReservationCancelled': {
      const p = e as EventPayload<'ReservationCancelled'>;
      return {
        customerId: p.customerId,
        patch: {
          reservationId: p.reservationId,
          roomId: p.roomId,
          checkIn: p.checkIn,
          checkOut: p.checkOut,
          reservationStatus: 'cancelled',
        },
      };
    }
    case 'PaymentApproved': {
      const p = e as EventPayload<'PaymentApproved'>;
      return {
        customerId: p.customerId,
        patch: {
          reservationId: p.reservationId,
          paymentId: p.paymentId,
          paymentPrice: p.paymentPrice,
          paymentStatus: 'Y',
          promotionStatus: 'pending',
        },
      };
    }
    case 'PaymentRefunded': {
      const p = e as EventPayload<'PaymentRefunded'>;
      return {
        customerId: p.customerId,
        patch: {
          reservationId: p.reservationId,
          paymentId: p.paymentId,
          paymentPrice: p.paymentPrice,
          paymentStatus: 'REFUNDED',
        },
      };
    }
    case 'PromotionSaved': {
      const p = e as EventPayload<'PromotionSaved'>;
      return {
        customerId: p.customerId,
        patch: {
          reservationId: p.reservationId,
          paymentId: p.paymentId,
          paymentPrice: p.paymentPrice,
          paymentStatus: 'Y',
          couponId: p.couponId,
          service: p.service,
          point: p.point,
          promotionStatus: 'granted',
        },
      };
    }
    case 'PromotionRevoked': {
      const p = e as EventPayload<'PromotionRevoked'>;
      return {
        customerId: p.customerId,
        patch: {
          reservationId: p.reservationId,
          paymentId: p.paymentId,
          couponId: p.couponId,
          promotionStatus: 'revoked',
        },
      };
    }
    default:
      return undefined;
  }
}
