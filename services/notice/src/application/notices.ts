import type { EventPayload, NoticeList, PageQuery, ReservationTopic, Topic } from '@roomstay/contracts';
import { readByTopic, type Handled, type Page } from '@roomstay/platform';
import { noticeOf, type Fact, type Notice } from '../domain/notice.ts';

/**
 * Every notice ever told, one row each: telling writes one notice and reads
 * nothing, whatever the customer's history, and nothing contends (no
 * document shared by a customer's events).
 */
export interface NoticeRepository {
  /** Keeps a notice; one already kept (its event told again) stays as it is. */
  add(notice: Notice): Promise<void>;
  /**
   * A page of the customer's notices, newest first by the time of their event
   * (of the same time, the last kept first), after the query's cursor.
   */
  page(customerId: string, query: PageQuery): Promise<Page<Notice>>;
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

export function makeTellCustomer(notices: NoticeRepository) {
  return async function tellCustomer<T extends Topic>(
    eventId: string,
    topic: T,
    payload: EventPayload<T>,
    at: string,
  ): Promise<Handled> {
    const told = readByTopic(factOf, topic, payload);
    if (!told) return 'unknown-subject';
    await notices.add(noticeOf(eventId, told.customerId, told.fact, at));
    return 'handled';
  };
}

/** A page of the customer's notices, newest first. */
export function makeListNotices(notices: NoticeRepository) {
  return async function listNotices(customerId: string, query: PageQuery = {}): Promise<NoticeList> {
    const page = await notices.page(customerId, query);
    return { notices: page.items, ...(page.next ? { next: page.next } : {}) };
  };
}
