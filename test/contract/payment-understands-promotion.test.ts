// Consumer verification of payment -> promotion: payment's real promotion
// gateway, through the Dapr SDK, against a stub promotion made from the
// contract. It must send the payment's facts as the contract says and make of
// the answer a granted promotion, a revoked one as revoked, or "pending" for a
// refusal and for every failure of the path (PaymentApproved grants it later).
import test from 'ava';
import type { PromotionOutcome } from '@roomstay/contracts';
import { silentLogger } from '@roomstay/platform';
import { daprPromotionGateway } from '../../services/payment/src/adapters/promotion-gateway.ts';
import { approve, refund, type Payment } from '../../services/payment/src/domain/payment.ts';
import { paymentPromotion } from './edges/payment-promotion.ts';
import { assertMet, pathFailures, stubSidecar } from './support/stub-sidecar.ts';

const now = '2030-01-01T09:01:00.000Z';
const paid = (paymentPrice: number): Payment =>
  approve({ reservationId: 'RSV-1', customerId: 'alice', customerName: 'Alice Kim', paymentPrice }, 'PAY-1', now);

/** The payment payment asks a grant for in each interaction, and what it must make of the answer. */
const uses: Record<string, { payment: Payment; understood: PromotionOutcome }> = {
  'ask the grant of a paid payment of 120,000 and get a discount coupon': {
    payment: paid(120_000),
    understood: { status: 'granted', couponId: 'CPN-1', service: 'DISCOUNT COUPON', point: 12_000 },
  },
  'ask the grant of a paid payment of 99,999 and get a beverage': {
    payment: paid(99_999),
    understood: { status: 'granted', couponId: 'CPN-1', service: 'BEVERAGE', point: 9_999 },
  },
  'ask the grant of a paid payment of 20,000 and get points and no service': {
    payment: paid(20_000),
    understood: { status: 'granted', couponId: 'CPN-1', service: null, point: 2_000 },
  },
  'ask the same grant again and get the first one': {
    payment: paid(120_000),
    understood: { status: 'granted', couponId: 'CPN-1', service: 'DISCOUNT COUPON', point: 12_000 },
  },
  'ask the grant of a payment whose promotion a refund revoked and be told it is revoked': {
    payment: paid(120_000),
    understood: { status: 'revoked' },
  },
  'ask the grant of a payment that is not paid and be refused': {
    payment: refund(paid(120_000), now),
    understood: { status: 'pending' },
  },
};

test('every interaction payment needs of promotion is one payment makes', (t) => {
  t.deepEqual(Object.keys(uses).sort(), paymentPromotion.interactions.map((i) => i.description).sort());
});

for (const interaction of paymentPromotion.interactions) {
  test(`payment sends "${interaction.description}" as the contract says and understands promotion's answer`, async (t) => {
    const use = uses[interaction.description];
    if (!use) return t.fail('no use of this interaction');
    const stub = await stubSidecar(t, [paymentPromotion]);
    stub.arm(interaction);
    const outcome = await daprPromotionGateway(stub.client, silentLogger).grant(use.payment);
    assertMet(t, stub, interaction);
    t.deepEqual(outcome, use.understood);
  });
}

for (const failure of pathFailures) {
  test(`payment takes a path to promotion that fails (${failure}) as promotion later`, async (t) => {
    const stub = await stubSidecar(t, [paymentPromotion]);
    stub.failNext(failure);
    t.deepEqual(await daprPromotionGateway(stub.client, silentLogger).grant(paid(120_000)), { status: 'pending' });
    t.deepEqual(stub.unmatched, []);
  });
}
