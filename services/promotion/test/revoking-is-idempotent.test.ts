import test from 'ava';
import { decideGrant, revoke } from '../src/domain/promotion.ts';
import { eachAdapter, paidPayment, paymentApproved } from './support/app.ts';
import type { Outcome } from './support/drivers.ts';

const promotionOf = (outcome: Outcome) => {
  if (!outcome.ok) throw new Error(`refused: ${outcome.code}`);
  return outcome.promotion;
};

const refund = { paymentId: 'PAY-1', reservationId: 'RSV-1', customerId: 'alice', paymentPrice: 120_000 };

test('revoking a revoked promotion leaves it as it was first revoked', (t) => {
  const decision = decideGrant({ ...paidPayment(120_000) }, 'CPN-1', '2030-01-01T00:00:00.000Z');
  if (decision.kind !== 'grant') return t.fail('a paid payment is granted');
  const once = revoke(decision.promotion, '2030-01-02T00:00:00.000Z');
  t.like(once, { status: 'revoked', revokedAt: '2030-01-02T00:00:00.000Z' });
  const twice = revoke(once, '2030-01-03T00:00:00.000Z');
  t.is(twice, once);
});

eachAdapter(
  'PaymentRefunded revokes the promotion and queues PromotionRevoked once, however often it is delivered',
  async (t, { api, store }) => {
    const granted = promotionOf(await api.grant(paidPayment(120_000)));
    t.is(await api.deliver('PaymentRefunded', 'PAY-1.PaymentRefunded', refund), 'SUCCESS');
    t.is(await api.deliver('PaymentRefunded', 'PAY-1.PaymentRefunded', refund), 'SUCCESS');
    // a republished copy under another id is still the same refund
    t.is(await api.deliver('PaymentRefunded', 'republished-copy', refund), 'SUCCESS');

    const after = promotionOf(await api.find('PAY-1'));
    t.like(after, { status: 'revoked', couponId: granted.couponId, point: 12_000 });
    const revoked = store.events().filter((e) => e.topic === 'PromotionRevoked');
    t.is(revoked.length, 1);
    t.deepEqual(revoked[0]?.payload, {
      couponId: granted.couponId,
      paymentId: 'PAY-1',
      reservationId: 'RSV-1',
      customerId: 'alice',
      point: 12_000,
    });
  },
);

eachAdapter('a refund that arrives before the grant leaves nothing to grant later', async (t, { api, store }) => {
  t.is(await api.deliver('PaymentRefunded', 'PAY-1.PaymentRefunded', refund), 'SUCCESS');
  t.is(await api.deliver('PaymentApproved', 'PAY-1.PaymentApproved', paymentApproved(120_000)), 'SUCCESS');
  const promotion = promotionOf(await api.find('PAY-1'));
  t.like(promotion, { status: 'revoked', service: null, point: 0 });
  t.deepEqual(store.events(), []);
});
