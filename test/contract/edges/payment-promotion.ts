// payment -> promotion (services/payment/src/adapters/promotion-gateway.ts):
// while the payer waits, payment asks promotion for the grant its payment
// earns. It reads the coupon, its service, the points and whether the
// promotion still stands (a refund may have revoked it already); any refusal
// or failure is "promotion later" (PaymentApproved grants it then).
import { GrantAnswer } from '../../../services/payment/src/adapters/promotion-gateway.ts';
import { anyBody, errorExample, interaction, type InvocationContract } from '../support/contract.ts';

export const grantOf = (paymentPrice: number, paymentStatus: 'Y' | 'REFUNDED' = 'Y') => ({
  paymentId: 'PAY-1',
  reservationId: 'RSV-1',
  customerId: 'alice',
  customerName: 'Alice Kim',
  paymentPrice,
  paymentStatus,
});

export const paymentPromotion: InvocationContract = {
  consumer: 'payment',
  provider: 'promotion',
  interactions: [
    interaction({
      description: 'ask the grant of a paid payment of 120,000 and get a discount coupon',
      state: 'no promotion for PAY-1',
      request: { method: 'POST', path: '/promotions', body: grantOf(120_000) },
      response: {
        status: 201,
        body: GrantAnswer,
        example: { couponId: 'CPN-1', service: 'DISCOUNT COUPON', point: 12_000, status: 'granted' },
      },
    }),
    interaction({
      description: 'ask the grant of a paid payment of 99,999 and get a beverage',
      state: 'no promotion for PAY-1',
      request: { method: 'POST', path: '/promotions', body: grantOf(99_999) },
      response: {
        status: 201,
        body: GrantAnswer,
        example: { couponId: 'CPN-1', service: 'BEVERAGE', point: 9_999, status: 'granted' },
      },
    }),
    interaction({
      description: 'ask the grant of a paid payment of 20,000 and get points and no service',
      state: 'no promotion for PAY-1',
      request: { method: 'POST', path: '/promotions', body: grantOf(20_000) },
      response: {
        status: 201,
        body: GrantAnswer,
        example: { couponId: 'CPN-1', service: null, point: 2_000, status: 'granted' },
      },
    }),
    interaction({
      description: 'ask the same grant again and get the first one',
      state: 'PAY-1 of 120,000 was granted',
      request: { method: 'POST', path: '/promotions', body: grantOf(120_000) },
      response: {
        status: 200,
        body: GrantAnswer,
        example: { couponId: 'CPN-1', service: 'DISCOUNT COUPON', point: 12_000, status: 'granted' },
      },
    }),
    interaction({
      description: 'ask the grant of a payment whose promotion a refund revoked and be told it is revoked',
      state: 'PAY-1 of 120,000 was granted, then revoked',
      request: { method: 'POST', path: '/promotions', body: grantOf(120_000) },
      response: {
        status: 200,
        body: GrantAnswer,
        example: { couponId: 'CPN-1', service: 'DISCOUNT COUPON', point: 12_000, status: 'revoked' },
      },
    }),
    interaction({
      description: 'ask the grant of a payment that is not paid and be refused',
      state: 'no promotion for PAY-1',
      request: { method: 'POST', path: '/promotions', body: grantOf(120_000, 'REFUNDED') },
      response: {
        status: 422,
        body: anyBody,
        example: errorExample('payment_not_approved', 'payment PAY-1 is not paid', 'paymentStatus'),
      },
    }),
  ],
};
