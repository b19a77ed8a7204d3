import type { EventPayload, NoticeList, PageQuery, Topic } from '@roomstay/contracts';
import { pageInOrder, withOptimisticConcurrency, type Delivery, type Versioned } from '@roomstay/platform';
import { tell, type Fact, type Inbox } from '../domain/notice.ts';

export interface InboxRepository {
  get(customerId: string): Promise<Versioned<Inbox> | undefined>;
  /** Over `etag`, or creating when null; throws ConcurrencyConflict on a lost race. */
  save(customerId: string, inbox: Inbox, etag: string | null): Promise<void>;
}

/** The customer and the fact an event tells, if it is one we tell. */
export function factOf<T extends Topic>(
  topic: T,
  payload: EventPayload<T>,
): { customerId: string; fact: Fact } | undefined {
  switch (topic) {
    case 'ReservationPlaced': {
      const e = payload as EventPayload<'ReservationPlaced'>;
      const { reservationId, roomId, checkIn, checkOut, nights, price } = e;
      return {
        customerId: e.customerId,
        fact: { kind: 'reservation-placed', reservationId, roomId, checkIn, checkOut, nights, price },
      };
    }
    case 'PaymentApproved': {
      const e = payload as EventPayload<'PaymentApproved'>;
      return {
        customerId: e.customerId,
        fact: { kind: 'payment-approved', reservationId: e.reservationId, paymentPrice: e.paymentPrice },
      };
    }
    case 'PromotionSaved': {
      const e = payload as EventPayload<'PromotionSaved'>;
      return {
        customerId: e.customerId,
        fact: {
          kind: 'promotion-granted',
          reservationId: e.reservationId,
          service: e.service,
          point: e.point,
          couponId: e.couponId,
        },
      };
    }
    case 'ReservationCancelled': {
      const e = payload as EventPayload<'ReservationCancelled'>;
      return {
        customerId: e.customerId,
        fact: { kind: 'reservation-cancelled', reservationId: e.reservationId, reason: e.reason },
      };
    }
    case 'PaymentRefunded': {
      const e = payload as EventPayload<'PaymentRefunded'>;
      return {
        customerId: e.customerId,
        fact: { kind: 'payment-refunded', reservationId: e.reservationId, paymentPrice: e.paymentPrice },
      };
    }
    case 'PromotionRevoked': {
      const e = payload as EventPayload<'PromotionRevoked'>;
      return {
        customerId: e.customerId,
        fact: { kind: 'promotion-revoked', reservationId: e.reservationId, couponId: e.couponId, point: e.point },
      };
    }
    default:
      return undefined;
  }
}

/** Lost races on one inbox are re-read and re-applied this many times before Dapr redelivers. */
const OPTIMISTIC_ATTEMPTS = 5;

export function makeTellCustomer(inboxes: InboxRepository) {
  return async function tellCustomer<T extends Topic>(
    eventId: string,
    topic: T,
    payload: EventPayload<T>,
    at: string,
  ): Promise<Delivery> {
    const told = factOf(topic, payload);
    if (!told) return 'DROP';
    // Another event for this customer may be told meanwhile (maybe by a replica): then read again.
    const delivery = await withOptimisticConcurrency(OPTIMISTIC_ATTEMPTS, async (): Promise<Delivery> => {
      const stored = await inboxes.get(told.customerId);
      const inbox = stored?.value ?? { notices: [] };
      const next = tell(inbox, eventId, told.customerId, told.fact, at);
      if (next !== inbox) await inboxes.save(told.customerId, next, stored?.etag ?? null);
      return 'SUCCESS';
    });
    return delivery ?? 'RETRY';
  };
}

/** A page of the customer's notices, newest first (the inbox's own order). */
export function makeListNotices(inboxes: InboxRepository) {
  return async function listNotices(customerId: string, query: PageQuery = {}): Promise<NoticeList> {
    const notices = (await inboxes.get(customerId))?.value.notices ?? [];
    const page = pageInOrder(notices, (notice) => notice.noticeId, query);
    return { notices: page.items, ...(page.next ? { next: page.next } : {}) };
  };
}
