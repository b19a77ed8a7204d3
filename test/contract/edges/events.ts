// Every event producer -> every consumer. Each consuming app states, per topic
// it subscribes to (components/subscriptions.yaml), the payload fields its
// handler reads (services/<app>/src/adapters/events.ts and what they call),
// and which fields of the delivery itself it reads. Producers are held to
// every consumer's needs and to the shared schema (packages/contracts'
// events.ts); consumers are held to reading no more than they state.
import { type EventPayload, type Topic } from '@roomstay/contracts';
import { z } from 'zod';
import type { AppId } from '../support/contract.ts';

const id = z.string().min(1);
const date = z.iso.date();
const money = z.number().int().nonnegative();
const service = z.enum(['DISCOUNT COUPON', 'BEVERAGE']).nullable();

/** Payload fields each consumer reads, per topic it subscribes to. */
export const payloadNeeds = {
  room: {
    // Books and frees the nights of its own room.
    ReservationPlaced: z.object({ reservationId: id, roomId: id, checkIn: date, checkOut: date }),
    ReservationCancelled: z.object({ reservationId: id, roomId: id }),
  },
  reservation: {
    // Keeps its copy of the catalogue; completes a paid reservation.
    RoomRegistered: z.object({ roomId: id, name: z.string().min(1), price: money }),
    PromotionSaved: z.object({ reservationId: id, paymentId: id }),
  },
  promotion: {
    // Grants (the guaranteed path) and revokes, keeping the payment's facts.
    PaymentApproved: z.object({
      paymentId: id,
      reservationId: id,
      customerId: id,
      customerName: z.string(),
      paymentPrice: money,
    }),
    PaymentRefunded: z.object({ paymentId: id, reservationId: id, customerId: id, paymentPrice: money }),
  },
  roominfo: {
    // One line of my page per reservation, on the customer's page.
    ReservationPlaced: z.object({
      customerId: id,
      reservationId: id,
      roomId: id,
      checkIn: date,
      checkOut: date,
      price: money,
    }),
    ReservationCancelled: z.object({ customerId: id, reservationId: id, roomId: id, checkIn: date, checkOut: date }),
    PaymentApproved: z.object({ customerId: id, reservationId: id, paymentId: id, paymentPrice: money }),
    PaymentRefunded: z.object({ customerId: id, reservationId: id, paymentId: id, paymentPrice: money }),
    PromotionSaved: z.object({
      customerId: id,
      reservationId: id,
      paymentId: id,
      paymentPrice: money,
      couponId: id,
      service,
      point: money,
    }),
    PromotionRevoked: z.object({ customerId: id, reservationId: id, paymentId: id, couponId: id }),
  },
  notice: {
    // One notice per event, worded from these.
    ReservationPlaced: z.object({
      customerId: id,
      reservationId: id,
      roomId: id,
      checkIn: date,
      checkOut: date,
      nights: z.number().int().positive(),
      price: money,
    }),
    ReservationCancelled: z.object({ customerId: id, reservationId: id, reason: z.string() }),
    PaymentApproved: z.object({ customerId: id, reservationId: id, paymentPrice: money }),
    PaymentRefunded: z.object({ customerId: id, reservationId: id, paymentPrice: money }),
    PromotionSaved: z.object({ customerId: id, reservationId: id, couponId: id, service, point: money }),
    PromotionRevoked: z.object({ customerId: id, reservationId: id, couponId: id, point: money }),
  },
} as const satisfies Partial<Record<AppId, Partial<Record<Topic, z.ZodObject>>>>;

export type Consumer = keyof typeof payloadNeeds;
export const consumers = Object.keys(payloadNeeds) as Consumer[];

/**
 * Fields of the delivery (besides its topic and payload) each consumer reads:
 * the CloudEvent id, stable per fact, to apply an event once; its time, to
 * date a notice.
 */
export const deliveryNeeds: Record<Consumer, readonly ('id' | 'time')[]> = {
  room: [],
  reservation: [],
  promotion: [],
  roominfo: ['id'],
  notice: ['id', 'time'],
};

/** Every (consumer, topic) pair with its need: the subscriptions, as the consumers state them. */
export function subscriptionNeeds(): Array<{ consumer: Consumer; topic: Topic; need: z.ZodObject }> {
  return consumers.flatMap((consumer) =>
    Object.entries(payloadNeeds[consumer]).map(([topic, need]) => ({ consumer, topic: topic as Topic, need })),
  );
}

/**
 * One event per topic as its producer shapes it (every field of the shared
 * schema), about one reservation: what consumers' own tests are fed.
 */
export const examples: { [T in Topic]: EventPayload<T> } = {
  RoomRegistered: { roomId: 'ROOM-1', name: 'Ocean view', price: 50_000 },
  ReservationPlaced: {
    reservationId: 'RSV-1',
    customerId: 'alice',
    roomId: 'ROOM-1',
    checkIn: '2030-03-01',
    checkOut: '2030-03-03',
    nights: 2,
    price: 100_000,
  },
  PaymentApproved: {
    paymentId: 'PAY-1',
    reservationId: 'RSV-1',
    customerId: 'alice',
    customerName: 'Alice Kim',
    paymentPrice: 100_000,
  },
  PromotionSaved: {
    couponId: 'CPN-1',
    paymentId: 'PAY-1',
    reservationId: 'RSV-1',
    customerId: 'alice',
    customerName: 'Alice Kim',
    paymentPrice: 100_000,
    paymentStatus: 'Y',
    service: 'DISCOUNT COUPON',
    point: 10_000,
  },
  ReservationCancelled: {
    reservationId: 'RSV-1',
    customerId: 'alice',
    roomId: 'ROOM-1',
    checkIn: '2030-03-01',
    checkOut: '2030-03-03',
    reason: 'plans changed',
  },
  PaymentRefunded: { paymentId: 'PAY-1', reservationId: 'RSV-1', customerId: 'alice', paymentPrice: 100_000 },
  PromotionRevoked: {
    couponId: 'CPN-1',
    paymentId: 'PAY-1',
    reservationId: 'RSV-1',
    customerId: 'alice',
    point: 10_000,
  },
};
