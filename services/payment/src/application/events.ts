import type { OutgoingEvent } from '@roomstay/contracts';
import type { Payment } from '../domain/payment.ts';

export function paymentApproved(payment: Payment): OutgoingEvent<'PaymentApproved'> {
  return {
    id: `${payment.paymentId}.PaymentApproved`,
    topic: 'PaymentApproved',
    time: payment.approvedAt,
    payload: {
      paymentId: payment.paymentId,
      reservationId: payment.reservationId,
      customerId: payment.customerId,
      customerName: payment.customerName,
      paymentPrice: payment.paymentPrice,
    },
  };
}

export function paymentRefunded(payment: Payment): OutgoingEvent<'PaymentRefunded'> {
  return {
    id: `${payment.paymentId}.PaymentRefunded`,
    topic: 'PaymentRefunded',
    time: payment.refundedAt ?? payment.approvedAt,
    payload: {
      paymentId: payment.paymentId,
      reservationId: payment.reservationId,
      customerId: payment.customerId,
      paymentPrice: payment.paymentPrice,
    },
  };
}
