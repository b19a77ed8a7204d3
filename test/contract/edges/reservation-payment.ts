// reservation -> payment (services/reservation/src/adapters/payment-gateway.ts):
// approve a reservation's payment while the payer waits, and refund it when
// the reservation is cancelled or ended unpaid-but-paid. Reservation reads an
// approval whole (the payer is answered with it) and of a refusal only its
// status: any refusal is "not payable" to it.
import { ApprovalAnswer, RefundAnswer } from '../../../services/reservation/src/adapters/payment-gateway.ts';
import { anyBody, errorExample, interaction, type InvocationContract } from '../support/contract.ts';

export const approval = {
  reservationId: 'RSV-1',
  customerId: 'alice',
  customerName: 'Alice Kim',
  paymentPrice: 100_000,
};

const paid = {
  paymentId: 'PAY-1',
  reservationId: 'RSV-1',
  customerId: 'alice',
  paymentPrice: 100_000,
  paymentStatus: 'Y' as const,
};

export const reservationPayment: InvocationContract = {
  consumer: 'reservation',
  provider: 'payment',
  interactions: [
    interaction({
      description: 'approve the payment of a reservation not paid before',
      state: 'no payment for RSV-1',
      request: { method: 'POST', path: '/payments', body: approval },
      response: {
        status: 200,
        body: ApprovalAnswer,
        example: {
          payment: paid,
          promotion: { status: 'granted', couponId: 'CPN-1', service: 'DISCOUNT COUPON', point: 10_000 },
        },
      },
    }),
    interaction({
      description: 'approve the same payment again and get the first one',
      state: 'RSV-1 paid 100,000 by alice',
      request: { method: 'POST', path: '/payments', body: approval },
      response: { status: 200, body: ApprovalAnswer, example: { payment: paid, promotion: { status: 'pending' } } },
    }),
    interaction({
      description: 'approve a paid reservation at another price and be refused',
      state: 'RSV-1 paid 100,000 by alice',
      request: { method: 'POST', path: '/payments', body: { ...approval, paymentPrice: 1 } },
      response: {
        status: 409,
        body: anyBody,
        example: errorExample('reservation_not_payable', 'reservation RSV-1 cannot be paid: different-price'),
      },
    }),
    interaction({
      description: 'approve a refunded reservation and be refused',
      state: 'RSV-1 paid 100,000 by alice and refunded',
      request: { method: 'POST', path: '/payments', body: approval },
      response: {
        status: 409,
        body: anyBody,
        example: errorExample('reservation_not_payable', 'reservation RSV-1 cannot be paid: refunded'),
      },
    }),
    interaction({
      description: 'approve a payment of nothing and be refused as invalid',
      state: 'no payment for RSV-1',
      request: { method: 'POST', path: '/payments', body: { ...approval, paymentPrice: 0 } },
      response: {
        status: 400,
        body: anyBody,
        example: errorExample('invalid_field', 'paymentPrice: too small', 'paymentPrice'),
      },
    }),
    interaction({
      description: 'refund a paid reservation',
      state: 'RSV-1 paid 100,000 by alice',
      request: { method: 'POST', path: '/payments/RSV-1/refund' },
      response: { status: 200, body: RefundAnswer, example: { payment: { ...paid, paymentStatus: 'REFUNDED' } } },
    }),
    interaction({
      description: 'refund a refunded reservation again and get the same refund',
      state: 'RSV-1 paid 100,000 by alice and refunded',
      request: { method: 'POST', path: '/payments/RSV-1/refund' },
      response: { status: 200, body: RefundAnswer, example: { payment: { ...paid, paymentStatus: 'REFUNDED' } } },
    }),
    interaction({
      description: 'refund a reservation that was never paid and learn there was nothing to refund',
      state: 'no payment for RSV-1',
      request: { method: 'POST', path: '/payments/RSV-1/refund' },
      response: { status: 200, body: RefundAnswer, example: { payment: null } },
    }),
  ],
};
