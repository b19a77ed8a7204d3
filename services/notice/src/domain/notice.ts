// What the customer is told, one notice per event that matters, worded here.

export type NoticeKind =
  | 'reservation-placed'
  | 'payment-approved'
  | 'promotion-granted'
  | 'reservation-cancelled'
  | 'payment-refunded'
  | 'promotion-revoked';

export interface Notice {
  noticeId: string;
  customerId: string;
  kind: NoticeKind;
  reservationId: string;
  message: string;
  at: string;
}

const won = (amount: number) => `${amount.toLocaleString('en-US')} won`;

export type Fact =
  | {
      kind: 'reservation-placed';
      reservationId: string;
      roomId: string;
      checkIn: string;
      checkOut: string;
      nights: number;
      price: number;
    }
  | { kind: 'payment-approved'; reservationId: string; paymentPrice: number }
  | { kind: 'promotion-granted'; reservationId: string; service: string | null; point: number; couponId: string }
  | { kind: 'reservation-cancelled'; reservationId: string; reason: string }
  | { kind: 'payment-refunded'; reservationId: string; paymentPrice: number }
  | { kind: 'promotion-revoked'; reservationId: string; couponId: string; point: number };

export function wording(fact: Fact): string {
  switch (fact.kind) {
    case 'reservation-placed':
      return `Reservation ${fact.reservationId} of room ${fact.roomId} from ${fact.checkIn} to ${fact.checkOut} (${fact.nights} night${fact.nights === 1 ? '' : 's'}) is placed: ${won(fact.price)} to pay.`;
    case 'payment-approved':
      return `Payment of ${won(fact.paymentPrice)} for reservation ${fact.reservationId} is approved.`;
    case 'promotion-granted':
      return fact.service
        ? `You earned a ${fact.service} (coupon ${fact.couponId}) and ${fact.point.toLocaleString('en-US')} points.`
        : `You earned ${fact.point.toLocaleString('en-US')} points.`;
    case 'reservation-cancelled':
      return `Reservation ${fact.reservationId} is cancelled${fact.reason ? `: ${fact.reason}` : ''}.`;
    case 'payment-refunded':
      return `Payment of ${won(fact.paymentPrice)} for reservation ${fact.reservationId} is refunded.`;
    case 'promotion-revoked':
      return `The promotion of reservation ${fact.reservationId} (coupon ${fact.couponId}, ${fact.point.toLocaleString('en-US')} points) is revoked.`;
  }
}

/**
 * The notice of an event: its id is the event's, so an event told again (a
 * redelivery) is recognised as a notice already kept.
 */
export function noticeOf(eventId: string, customerId: string, fact: Fact, at: string): Notice {
  return {
    noticeId: eventId,
    customerId,
    kind: fact.kind,
    reservationId: fact.reservationId,
    message: wording(fact),
    at,
  };
}
