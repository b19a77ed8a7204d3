// Events on the wire: one Kafka topic per event, named as in the glossary, each
// a CloudEvent whose `data` is the payload below and whose `subject` is the
// reservationId, which is also the Kafka partition key: everything about one
// reservation is consumed in order. Consumers validate what they receive.
import { z } from 'zod';

import {
  Id as id,
  MAX_CANCEL_REASON_LENGTH,
  MAX_CUSTOMER_NAME_LENGTH,
  MAX_ROOM_NAME_LENGTH,
  StorableText as text,
} from './text.ts';

const money = z.number().int().nonnegative();

export const serviceKinds = ['DISCOUNT COUPON', 'BEVERAGE'] as const;
export type ServiceKind = (typeof serviceKinds)[number];

export const RoomRegistered = z.strictObject({
  roomId: id,
  name: text(MAX_ROOM_NAME_LENGTH).min(1),
  price: money,
});

export const ReservationPlaced = z.strictObject({
  reservationId: id,
  customerId: id,
  roomId: id,
  checkIn: z.iso.date(),
  checkOut: z.iso.date(),
  nights: z.number().int().positive(),
  price: money,
});

export const PaymentApproved = z.strictObject({
  paymentId: id,
  reservationId: id,
  customerId: id,
  customerName: text(MAX_CUSTOMER_NAME_LENGTH),
  paymentPrice: money,
});

export const PromotionSaved = z.strictObject({
  couponId: id,
  paymentId: id,
  reservationId: id,
  customerId: id,
  customerName: text(MAX_CUSTOMER_NAME_LENGTH),
  paymentPrice: money,
  paymentStatus: z.literal('Y'),
  service: z.enum(serviceKinds).nullable(),
  point: money,
});

export const ReservationCancelled = z.strictObject({
  reservationId: id,
  customerId: id,
  roomId: id,
  checkIn: z.iso.date(),
  checkOut: z.iso.date(),
  reason: text(MAX_CANCEL_REASON_LENGTH),
});

export const PaymentRefunded = z.strictObject({
  paymentId: id,
  reservationId: id,
  customerId: id,
  paymentPrice: money,
});

export const PromotionRevoked = z.strictObject({
  couponId: id,
  paymentId: id,
  reservationId: id,
  customerId: id,
  point: money,
});

/** Topic name -> payload schema. The topic name is the event name. */
export const events = {
  RoomRegistered,
  ReservationPlaced,
  PaymentApproved,
  PromotionSaved,
  ReservationCancelled,
  PaymentRefunded,
  PromotionRevoked,
} as const;

export type Topic = keyof typeof events;
export type EventPayload<T extends Topic> = z.infer<(typeof events)[T]>;
export const topics = Object.keys(events) as Topic[];

/** Every event about one reservation: what a customer's views (my page, notices) are built from. */
export const reservationTopics = [
  'ReservationPlaced',
  'PaymentApproved',
  'PromotionSaved',
  'ReservationCancelled',
  'PaymentRefunded',
  'PromotionRevoked',
] as const satisfies readonly Topic[];
export type ReservationTopic = (typeof reservationTopics)[number];

/** The partition key of an event: the correlation key of the business. */
export function partitionKeyOf(payload: EventPayload<Topic>): string {
  return 'reservationId' in payload ? payload.reservationId : payload.roomId;
}

/**
 * The CloudEvent 1.0 envelope as this system publishes it. `id` is stable for
 * one business fact (derived from the aggregate and the event name), so a
 * republished event is recognised by consumers as the same one.
 */
export const CloudEventEnvelope = z.object({
  specversion: z.literal('1.0'),
  id,
  source: z.string().min(1),
  type: z.string().min(1),
  subject: z.string().optional(),
  time: z.string().optional(),
  datacontenttype: z.string().optional(),
  topic: z.string().optional(),
  data: z.unknown(),
});
export type CloudEventEnvelope = z.infer<typeof CloudEventEnvelope>;

export interface OutgoingEvent<T extends Topic = Topic> {
  id: string;
  topic: T;
  payload: EventPayload<T>;
  time: string;
}

const owed = <T extends Topic>(topic: T) =>
  z.strictObject({ id: z.string(), topic: z.literal(topic), payload: events[topic], time: z.string() });

/** An event a stored record still owes (its outbox), parsed by the schema its payload is validated by. */
export const OutgoingEvent: z.ZodType<OutgoingEvent> = z.discriminatedUnion('topic', [
  owed('RoomRegistered'),
  owed('ReservationPlaced'),
  owed('PaymentApproved'),
  owed('PromotionSaved'),
  owed('ReservationCancelled'),
  owed('PaymentRefunded'),
  owed('PromotionRevoked'),
]);

/** `roomstay.PromotionSaved.v1` */
export const eventType = (topic: Topic): string => `roomstay.${topic}.v1`;

/** Dead-letter topic of one app's subscription to a topic. */
export const deadLetterTopic = (appId: string, topic: Topic): string => `${topic}.${appId}.deadletter`;
