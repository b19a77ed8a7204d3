import type { OutgoingEvent } from '@roomstay/contracts';
import type { Promotion } from '../domain/promotion.ts';

/** Event ids are stable per business fact: one PromotionSaved per payment, ever. */
export function promotionSaved(promotion: Promotion, time: string): OutgoingEvent<'PromotionSaved'> {
  return {
    id: `${promotion.paymentId}.PromotionSaved`,
    topic: 'PromotionSaved',
    time,
    payload: {
      couponId: promotion.couponId,
      paymentId: promotion.paymentId,
      reservationId: promotion.reservationId,
      customerId: promotion.customerId,
      customerName: promotion.customerName,
      paymentPrice: promotion.paymentPrice,
      paymentStatus: promotion.paymentStatus,
      service: promotion.service,
      point: promotion.point,
    },
  };
}

export function promotionRevoked(promotion: Promotion, time: string): OutgoingEvent<'PromotionRevoked'> {
  return {
    id: `${promotion.paymentId}.PromotionRevoked`,
    topic: 'PromotionRevoked',
    time,
    payload: {
      couponId: promotion.couponId,
      paymentId: promotion.paymentId,
      reservationId: promotion.reservationId,
      customerId: promotion.customerId,
      point: promotion.point,
    },
  };
}
