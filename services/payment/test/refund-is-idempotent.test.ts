import test from 'ava';
import { z } from 'zod';
import { Payment } from '@roomstay/contracts';
import { bodyAs } from '../../../packages/platform/test/support/http.ts';
import { approval, paymentApi } from './support/app.ts';

const RefundAnswer = z.strictObject({ payment: Payment.nullable() });

test('refunding twice answers the refunded payment both times and publishes PaymentRefunded once', async (t) => {
  const { api, publisher } = await paymentApi(t);
  await api.post('/payments', approval(70_000));
  const first = await api.post('/payments/RSV-1/refund');
  const second = await api.post('/payments/RSV-1/refund');
  t.is(first.status, 200);
  t.is(second.status, 200);
  t.deepEqual(bodyAs(RefundAnswer, first), {
    payment: {
      paymentId: 'PAY-1',
      reservationId: 'RSV-1',
      customerId: 'alice',
      paymentPrice: 70_000,
      paymentStatus: 'REFUNDED',
    },
  });
  t.deepEqual(bodyAs(RefundAnswer, second), bodyAs(RefundAnswer, first));
  t.deepEqual(publisher.topics(), ['PaymentApproved', 'PaymentRefunded']);
  t.deepEqual(publisher.published[1]?.payload, {
    paymentId: 'PAY-1',
    reservationId: 'RSV-1',
    customerId: 'alice',
    paymentPrice: 70_000,
  });
  t.like(bodyAs(Payment, await api.get('/payments/RSV-1')), { paymentStatus: 'REFUNDED' });
});

test('refunding a reservation that was never paid answers { payment: null } and publishes nothing', async (t) => {
  const { api, publisher, repository } = await paymentApi(t);
  const reply = await api.post('/payments/RSV-404/refund');
  t.is(reply.status, 200);
  t.deepEqual(bodyAs(RefundAnswer, reply), { payment: null });
  t.deepEqual(publisher.published, []);
  t.deepEqual(repository.all(), []);
});

test('a refund whose publish failed is published by the next refund call, once', async (t) => {
  const { api, publisher } = await paymentApi(t);
  await api.post('/payments', approval(70_000));
  await new Promise((resolve) => setImmediate(resolve));
  publisher.down = true;
  t.is((await api.post('/payments/RSV-1/refund')).status, 200);
  await new Promise((resolve) => setImmediate(resolve));
  publisher.down = false;
  t.is((await api.post('/payments/RSV-1/refund')).status, 200);
  await api.post('/payments/RSV-1/refund');
  await new Promise((resolve) => setImmediate(resolve));
  t.deepEqual(publisher.topics(), ['PaymentApproved', 'PaymentRefunded']);
});
