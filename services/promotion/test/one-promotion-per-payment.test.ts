import { eachAdapter, paidPayment, paymentApproved } from './support/app.ts';
import type { Outcome } from './support/drivers.ts';

const promotionOf = (outcome: Outcome) => {
  if (!outcome.ok) throw new Error(`refused: ${outcome.code}`);
  return outcome.promotion;
};

eachAdapter(
  "a paid payment's grant, with the original field names, answers the granted promotion as created",
  async (t, { api, store }) => {
    const reply = await api.grant(paidPayment(100_000));
    t.like(reply, { ok: true, created: true });
    t.deepEqual(promotionOf(reply), {
      couponId: 'CPN-1',
      paymentId: 'PAY-1',
      reservationId: 'RSV-1',
      customerId: 'alice',
      customerName: 'Alice',
      paymentPrice: 100_000,
      paymentStatus: 'Y',
      service: 'DISCOUNT COUPON',
      point: 10_000,
      status: 'granted',
    });
    t.deepEqual(
      store.events().map((e) => [e.id, e.topic]),
      [['PAY-1.PromotionSaved', 'PromotionSaved']],
    );
  },
);

eachAdapter(
  'the same payment asked again answers the same couponId, not as created, and grants nothing new',
  async (t, { api, store, kicks }) => {
    const first = await api.grant(paidPayment(75_000));
    const second = await api.grant(paidPayment(75_000));
    t.like(first, { ok: true, created: true });
    t.like(second, { ok: true, created: false });
    t.deepEqual(promotionOf(second), promotionOf(first));
    t.is(store.all().length, 1);
    t.is(store.events().length, 1);
    t.is(kicks(), 1);
  },
);

eachAdapter(
  'PaymentApproved delivered twice after a direct grant keeps the one promotion and the one PromotionSaved',
  async (t, { api, store }) => {
    const posted = promotionOf(await api.grant(paidPayment(60_000)));
    t.is(await api.deliver('PaymentApproved', 'PAY-1.PaymentApproved', paymentApproved(60_000)), 'SUCCESS');
    t.is(await api.deliver('PaymentApproved', 'PAY-1.PaymentApproved', paymentApproved(60_000)), 'SUCCESS');
    const stored = promotionOf(await api.find('PAY-1'));
    t.is(stored.couponId, posted.couponId);
    t.is(stored.service, 'BEVERAGE');
    t.is(store.all().length, 1);
    t.deepEqual(
      store.events().map((e) => e.topic),
      ['PromotionSaved'],
    );
  },
);

eachAdapter('PaymentApproved alone grants the promotion, once even when delivered twice', async (t, { api, store }) => {
  t.is(await api.deliver('PaymentApproved', 'PAY-1.PaymentApproved', paymentApproved(49_999)), 'SUCCESS');
  t.is(await api.deliver('PaymentApproved', 'PAY-1.PaymentApproved', paymentApproved(49_999)), 'SUCCESS');
  const stored = promotionOf(await api.find('PAY-1'));
  t.like(stored, { couponId: 'CPN-1', service: null, point: 4_999, status: 'granted' });
  t.is(store.events().length, 1);
  // the direct call that arrives late finds the event's grant
  const late = await api.grant(paidPayment(49_999));
  t.like(late, { ok: true, created: false });
  t.is(promotionOf(late).couponId, 'CPN-1');
});

eachAdapter('different payments get different coupons', async (t, { api }) => {
  const a = promotionOf(await api.grant(paidPayment(100_000, { paymentId: 'PAY-A', reservationId: 'RSV-A' })));
  const b = promotionOf(await api.grant(paidPayment(100_000, { paymentId: 'PAY-B', reservationId: 'RSV-B' })));
  t.not(a.couponId, b.couponId);
});
