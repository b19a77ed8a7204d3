import test from 'ava';
import { PaymentResult } from '@roomstay/contracts';
import { bodyAs } from '../../../packages/platform/test/support/http.ts';
import { approval, paymentApi } from './support/app.ts';

test('when promotion answers pending the payment still succeeds with promotion pending', async (t) => {
  const { api, promotions, repository, publisher } = await paymentApi(t);
  promotions.answer = () => ({ status: 'pending' });
  const reply = await api.post('/payments', approval(120_000));
  t.is(reply.status, 200);
  const result = bodyAs(PaymentResult, reply);
  t.is(result.payment.paymentStatus, 'Y');
  t.deepEqual(result.promotion, { status: 'pending' });
  t.is(repository.all().length, 1);
  // the PaymentApproved event is what grants the promotion later
  t.deepEqual(publisher.topics(), ['PaymentApproved']);
});

test('when promotion granted the promotion, the answer carries the coupon and points', async (t) => {
  const { api } = await paymentApi(t);
  const result = bodyAs(PaymentResult, await api.post('/payments', approval(120_000)));
  t.deepEqual(result.promotion, {
    status: 'granted',
    couponId: 'CPN-PAY-1',
    service: 'DISCOUNT COUPON',
    point: 12_000,
  });
});
