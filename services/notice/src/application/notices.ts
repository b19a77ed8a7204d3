import type { EventPayload, NoticeList, PageQuery, ReservationTopic, Topic } from '@roomstay/contracts';
import { pageInOrder, readByTopic, withOptimisticConcurrency, type Handled, type Versioned } from '@roomstay/platform';
import { tell, type Fact, type Inbox } from '../domain/notice.ts';

export interface InboxRepository {
  get(customerId: string): Promise<Versioned<Inbox> | undefined>;
  /** Over `etag`, or creating when null; throws ConcurrencyConflict on a lost race. */
  save(customerId: string, inbox: Inbox, etag: string | null): Promise<void>;
}

/** The customer an event is about, and the fact it tells them. */
export interface Told {
  customerId: string;
  fact: Fact;
}

/** What each event about a reservation tells its customer. */
export const factOf: { [T in ReservationTopic]: (event: EventPayload<T>) => Told } = {
  ReservationPlaced: ({ customerId, reservationId, roomId, checkIn, checkOut, nights, price }) => ({
    customerId,
    fact: { kind: 'reservation-placed', reservationId, roomId, checkIn, checkOut, nights, price },
  }),
  PaymentApproved: ({ customerId, reservationId, paymentPrice }) => ({
    customerId,
    fact: { kind: 'payment-approved', reservationId, paymentPrice },
  }),
  PromotionSaved: ({ customerId, reservationId, service, point, couponId }) => ({
    customerId,
    fact: { kind: 'promotion-granted', reservationId, service, point, couponId },
  }),
  ReservationCancelled: ({ customerId, reservationId, reason }) => ({
    customerId,
    fact: { kind: 'reservation-cancelled', reservationId, reason },
  }),
  PaymentRefunded: ({ customerId, reservationId, paymentPrice }) => ({
    customerId,
    fact: { kind: 'payment-refunded', reservationId, paymentPrice },
  }),
  PromotionRevoked: ({ customerId, reservationId, couponId, point }) => ({
    customerId,
    fact: { kind: 'promotion-revoked', reservationId, couponId, point },
  }),
};

/** Lost races on one inbox are re-read and re-applied this many times before Dapr redelivers. */
const OPTIMISTIC_ATTEMPTS = 5;

export function makeTellCustomer(inboxes: InboxRepository) {
  return async function tellCustomer<T extends Topic>(
    eventId: string,
    topic: T,
    payload: EventPayload<T>,
    at: string,
  ): Promise<Handled> {
    const told = readByTopic(factOf, topic, payload);
    if (!told) return 'unknown-subject';
    // Another event for this customer may be told meanwhile (maybe by a replica): then read again.
    const handled = await withOptimisticConcurrency(OPTIMISTIC_ATTEMPTS, async (): Promise<Handled> => {
      const stored = await inboxes.get(told.customerId);
      const inbox = stored?.value ?? { notices: [] };
      const next = tell(inbox, eventId, told.customerId, told.fact, at);
      if (next !== inbox) await inboxes.save(told.customerId, next, stored?.etag ?? null);
      return 'handled';
    });
    return handled ?? 'lost-race';
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
