import test from 'ava';
import { Promotion as WirePromotion } from '@roomstay/contracts';
import { bodyAs } from '../../../packages/platform/test/support/http.ts';
import { paidPayment, paymentApproved, promotionApi } from './support/app.ts';

test('POST /promotions with the original field names answers 201 with the granted promotion', async (t) => {
  const { api, store } = await promotionApi(t);
  const reply = await api.post('/promotions', paidPayment(100_000));
  t.is(reply.status, 201);
  t.deepEqual(bodyAs(WirePromotion, reply), {
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
});

test('the same payment posted again answers 200 with the same couponId and grants nothing new', async (t) => {
  const { api, store, kicks } = await promotionApi(t);
  const first = await api.post('/promotions', paidPayment(75_000));
  const second = await api.post('/promotions', paidPayment(75_000));
  t.is(first.status, 201);
  t.is(second.status, 200);
  t.deepEqual(bodyAs(WirePromotion, second), bodyAs(WirePromotion, first));
  t.is(store.all().length, 1);
  t.is(store.events().length, 1);
  t.is(kicks(), 1);
});

test('PaymentApproved delivered twice after a direct POST keeps the one promotion and the one PromotionSaved', async (t) => {
  const { api, store } = await promotionApi(t);
  const posted = bodyAs(WirePromotion, await api.post('/promotions', paidPayment(60_000)));
  t.is(await api.deliver('PaymentApproved', 'PAY-1.PaymentApproved', paymentApproved(60_000)), 'SUCCESS');
  t.is(await api.deliver('PaymentApproved', 'PAY-1.PaymentApproved', paymentApproved(60_000)), 'SUCCESS');
  const stored = bodyAs(WirePromotion, await api.get('/promotions/PAY-1'));
  t.is(stored.couponId, posted.couponId);
  t.is(stored.service, 'BEVERAGE');
  t.is(store.all().length, 1);
  t.deepEqual(
    store.events().map((e) => e.topic),
    ['PromotionSaved'],
  );
});

test('PaymentApproved alone grants the promotion, once even when delivered twice', async (t) => {
  const { api, store } = await promotionApi(t);
  t.is(await api.deliver('PaymentApproved', 'PAY-1.PaymentApproved', paymentApproved(49_999)), 'SUCCESS');
  t.is(await api.deliver('PaymentApproved', 'PAY-1.PaymentApproved', paymentApproved(49_999)), 'SUCCESS');
  const stored = bodyAs(WirePromotion, await api.get('/promotions/PAY-1'));
  t.like(stored, { couponId: 'CPN-1', service: null, point: 4_999, status: 'granted' });
  t.is(store.events().length, 1);
  // the direct call that arrives late finds the event's grant
  const late = await api.post('/promotions', paidPayment(49_999));
  t.is(late.status, 200);
  t.is(bodyAs(WirePromotion, late).couponId, 'CPN-1');
});

test('different payments get different coupons', async (t) => {
  const { api } = await promotionApi(t);
  const a = bodyAs(
    WirePromotion,
    await api.post('/promotions', paidPayment(100_000, { paymentId: 'PAY-A', reservationId: 'RSV-A' })),
  );
  const b = bodyAs(
    WirePromotion,
    await api.post('/promotions', paidPayment(100_000, { paymentId: 'PAY-B', reservationId: 'RSV-B' })),
  );
  t.not(a.couponId, b.couponId);
});
