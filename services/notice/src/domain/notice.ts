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

/**
 * A customer's newest notices, newest first. A notice's id is the id of the
 * event it tells, so an event told again (a redelivery) is recognised among
 * them; the inbox stays the same size whatever the customer's history.
 */
export interface Inbox {
  notices: Notice[];
}

export const KEEP_NOTICES = 200;

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
 * Adds the notice of an event once; the same event told again changes nothing.
 * Notices stay newest first by the time of their event, whatever order the
 * events arrive in (they come on different topics, from different services).
 */
export function tell(inbox: Inbox, eventId: string, customerId: string, fact: Fact, at: string): Inbox {
  if (inbox.notices.some((n) => n.noticeId === eventId)) return inbox;
  const notice: Notice = {
    noticeId: eventId,
    customerId,
    kind: fact.kind,
    reservationId: fact.reservationId,
    message: wording(fact),
    at,
  };
  // Before the first notice not newer than this one: of notices of the same time, the last told comes first.
  const older = inbox.notices.findIndex((n) => n.at <= at);
  const place = older === -1 ? inbox.notices.length : older;
  const notices = [...inbox.notices.slice(0, place), notice, ...inbox.notices.slice(place)];
  return { notices: notices.slice(0, KEEP_NOTICES) };
}
