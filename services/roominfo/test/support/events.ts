// A realistic life of one reservation, as the six events my page is built from.
import type { EventPayload, Topic } from '@roomstay/contracts';

export type AnyEvent = { [T in Topic]: { id: string; topic: T; payload: EventPayload<T> } }[Topic];

export function lifeOf(reservationId: string, options: { customerId?: string; price?: number } = {}) {
  const customerId = options.customerId ?? 'alice';
  const price = options.price ?? 120_000;
  const paymentId = `PAY-${reservationId}`;
  const couponId = `CPN-${reservationId}`;
  const point = Math.floor(price / 10);
  const service = price >= 100_000 ? 'DISCOUNT COUPON' : price >= 50_000 ? 'BEVERAGE' : null;
  const stay = { roomId: 'R-OCEAN', checkIn: '2030-03-01', checkOut: '2030-03-03' };
  const placed: AnyEvent = {
    id: `${reservationId}.ReservationPlaced`,
    topic: 'ReservationPlaced',
    payload: { reservationId, customerId, ...stay, nights: 2, price },
  };
  const approved: AnyEvent = {
    id: `${paymentId}.PaymentApproved`,
    topic: 'PaymentApproved',
    payload: { paymentId, reservationId, customerId, customerName: 'Alice', paymentPrice: price },
  };
  const saved: AnyEvent = {
    id: `${paymentId}.PromotionSaved`,
    topic: 'PromotionSaved',
    payload: {
      couponId,
      paymentId,
      reservationId,
      customerId,
      customerName: 'Alice',
      paymentPrice: price,
      paymentStatus: 'Y',
      service,
      point,
    },
  };
  const revoked: AnyEvent = {
    id: `${paymentId}.PromotionRevoked`,
    topic: 'PromotionRevoked',
    payload: { couponId, paymentId, reservationId, customerId, point },
  };
  const cancelled: AnyEvent = {
    id: `${reservationId}.ReservationCancelled`,
    topic: 'ReservationCancelled',
    payload: { reservationId, customerId, ...stay, reason: 'plans changed' },
  };
  const refunded: AnyEvent = {
    id: `${paymentId}.PaymentRefunded`,
    topic: 'PaymentRefunded',
    payload: { paymentId, reservationId, customerId, paymentPrice: price },
  };
  return {
    placed,
    approved,
    saved,
    revoked,
    cancelled,
    refunded,
    all: [placed, approved, saved, revoked, cancelled, refunded],
  };
}

export function permutations<T>(items: readonly T[]): T[][] {
  if (items.length <= 1) return [[...items]];
  return items.flatMap((item, i) =>
    permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [item, ...rest]),
  );
}
