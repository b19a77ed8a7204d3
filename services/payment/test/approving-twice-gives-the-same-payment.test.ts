import test from 'ava';
import { Payment, PaymentResult } from '@roomstay/contracts';
import { bodyAs } from '../../../packages/platform/test/support/http.ts';
import { approval, paymentApi } from './support/app.ts';

test('approving the same reservation twice answers the same paymentId and stores one payment', async (t) => {
  const { api, repository, promotions, publisher } = await paymentApi(t);
  const first = await api.post('/payments', approval(70_000));
  const second = await api.post('/payments', approval(70_000));
  t.is(first.status, 200);
  t.is(second.status, 200);
  const a = bodyAs(PaymentResult, first);
  const b = bodyAs(PaymentResult, second);
  t.deepEqual(a.payment, {
    paymentId: 'PAY-1',
    reservationId: 'RSV-1',
    customerId: 'alice',
    paymentPrice: 70_000,
    paymentStatus: 'Y',
  });
  t.deepEqual(b.payment, a.payment);
  t.is(repository.all().length, 1);
  // promotion is asked each time (it is idempotent by paymentId), always about the one payment
  t.deepEqual(
    promotions.asked.map((p) => p.paymentId),
    ['PAY-1', 'PAY-1'],
  );
  t.deepEqual(publisher.topics(), ['PaymentApproved']);
  t.deepEqual(publisher.published[0]?.payload, {
    paymentId: 'PAY-1',
    reservationId: 'RSV-1',
    customerId: 'alice',
    customerName: 'Alice',
    paymentPrice: 70_000,
  });
});

test('two approvals racing for one reservation end with one payment', async (t) => {
  const { api, repository, publisher } = await paymentApi(t);
  const replies = await Promise.all([api.post('/payments', approval(70_000)), api.post('/payments', approval(70_000))]);
  const ids = replies.map((reply) => bodyAs(PaymentResult, reply).payment.paymentId);
  t.is(new Set(ids).size, 1);
  t.is(repository.all().length, 1);
  t.deepEqual(publisher.topics(), ['PaymentApproved']);
});

test('the approved payment can be read back by reservation', async (t) => {
  const { api } = await paymentApi(t);
  await api.post('/payments', approval(70_000));
  const reply = await api.get('/payments/RSV-1');
  t.is(reply.status, 200);
  t.like(bodyAs(Payment, reply), { paymentId: 'PAY-1', paymentStatus: 'Y' });
  t.is((await api.get('/payments/RSV-404')).status, 404);
});
