// Every producer's real event builders (services/*/src/application/events.ts),
// run over the producer's own domain in each state that publishes an event:
// the provider states of the event contracts.
import type { CloudEventEnvelope, OutgoingEvent, Topic } from '@roomstay/contracts';
import { publishEvent, type DaprClient } from '@roomstay/platform/dapr';
import { paymentApproved, paymentRefunded } from '../../../services/payment/src/application/events.ts';
import { approve, refund } from '../../../services/payment/src/domain/payment.ts';
import { promotionRevoked, promotionSaved } from '../../../services/promotion/src/application/events.ts';
import { decideGrant, revoke, type Promotion } from '../../../services/promotion/src/domain/promotion.ts';
import { reservationCancelled, reservationPlaced } from '../../../services/reservation/src/application/events.ts';
import { cancel, expire, markPaid, place } from '../../../services/reservation/src/domain/reservation.ts';
import { roomRegistered } from '../../../services/room/src/application/events.ts';
import { register } from '../../../services/room/src/domain/room.ts';
import type { AppId } from './contract.ts';

const now = '2030-01-01T09:00:00.000Z';
const later = '2030-01-01T10:00:00.000Z';
const holdMs = 15 * 60_000;

const placed = place(
  {
    reservationId: 'RSV-1',
    customerId: 'alice',
    customerName: 'Alice Kim',
    room: { roomId: 'ROOM-1', name: 'Ocean view', price: 50_000 },
    stay: { checkIn: '2030-03-01', checkOut: '2030-03-03' },
  },
  now,
  holdMs,
);
const paid = approve(
  { reservationId: 'RSV-1', customerId: 'alice', customerName: 'Alice Kim', paymentPrice: 100_000 },
  'PAY-1',
  now,
);

function granted(paymentPrice: number): Promotion {
  const decision = decideGrant({ ...paid, paymentPrice }, 'CPN-1', now);
  if (decision.kind !== 'grant') throw new Error('a paid payment is granted');
  return decision.promotion;
}

export interface Built {
  /** The state of the producer's aggregate when it builds the event. */
  state: string;
  event: OutgoingEvent;
}

/** Who publishes each topic, and what its builders make in every state that publishes it. */
export const producers: { [T in Topic]: { producer: AppId; built: readonly Built[] } } = {
  RoomRegistered: {
    producer: 'room',
    built: [
      { state: 'registered', event: roomRegistered(register({ name: 'Ocean view', price: 50_000 }, 'ROOM-1', now)) },
    ],
  },
  ReservationPlaced: {
    producer: 'reservation',
    built: [{ state: 'placed', event: reservationPlaced(placed) }],
  },
  ReservationCancelled: {
    producer: 'reservation',
    built: [
      { state: 'cancelled unpaid', event: reservationCancelled(cancel(placed, 'plans changed', later)) },
      { state: 'cancelled when paid', event: reservationCancelled(cancel(markPaid(placed, 'PAY-1'), 'ill', later)) },
      { state: 'cancelled with no reason given', event: reservationCancelled(cancel(placed, '', later)) },
      { state: 'expired unpaid', event: reservationCancelled(expire(placed, later)) },
    ],
  },
  PaymentApproved: {
    producer: 'payment',
    built: [{ state: 'paid', event: paymentApproved(paid) }],
  },
  PaymentRefunded: {
    producer: 'payment',
    built: [{ state: 'refunded', event: paymentRefunded(refund(paid, later)) }],
  },
  PromotionSaved: {
    producer: 'promotion',
    built: [
      { state: 'granted a discount coupon', event: promotionSaved(granted(120_000), now) },
      { state: 'granted a beverage', event: promotionSaved(granted(60_000), now) },
      { state: 'granted points only', event: promotionSaved(granted(20_000), now) },
    ],
  },
  PromotionRevoked: {
    producer: 'promotion',
    built: [
      { state: 'revoked a discount coupon', event: promotionRevoked(revoke(granted(120_000), later), later) },
      { state: 'revoked points only', event: promotionRevoked(revoke(granted(20_000), later), later) },
    ],
  },
};

export interface Published {
  topic: string;
  envelope: CloudEventEnvelope;
  metadata: Record<string, string>;
}

/** The CloudEvent and its metadata as the producer's publishEvent hands them to its sidecar. */
export async function published(event: OutgoingEvent, source: AppId): Promise<Published> {
  const sent: Published[] = [];
  const sidecar = {
    pubsub: {
      publish: async (
        _pubsub: string,
        topic: string,
        envelope: CloudEventEnvelope,
        options: { metadata: Record<string, string> },
      ) => {
        sent.push({ topic, envelope, metadata: options.metadata });
        return {};
      },
    },
  } as unknown as DaprClient;
  await publishEvent(sidecar, source, event);
  const [first] = sent;
  if (!first || sent.length !== 1) throw new Error(`publishEvent sent ${sent.length} events`);
  return first;
}
