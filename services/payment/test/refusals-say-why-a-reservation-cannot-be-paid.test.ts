import test from 'ava';
import { errorOf } from '../../../packages/platform/test/support/http.ts';
import { approval, paymentApi } from './support/app.ts';

test('a refusal to pay again names the reservation and why: another price, another customer, or refunded', async (t) => {
  const { api } = await paymentApi(t);
  await api.post('/payments', approval(70_000));
  t.is(
    errorOf(await api.post('/payments', approval(80_000))).message,
    'reservation RSV-1 cannot be paid: different-price',
  );
  t.is(
    errorOf(await api.post('/payments', approval(70_000, { customerId: 'mallory' }))).message,
    'reservation RSV-1 cannot be paid: different-customer',
  );
  await api.post('/payments/RSV-1/refund');
  t.is(errorOf(await api.post('/payments', approval(70_000))).message, 'reservation RSV-1 cannot be paid: refunded');
});

test('reading the payment of an unpaid reservation answers 404 naming the reservation', async (t) => {
  const { api } = await paymentApi(t);
  const reply = await api.get('/payments/RSV-404');
  t.is(reply.status, 404);
  t.deepEqual(errorOf(reply), { code: 'not_found', message: 'no payment for reservation RSV-404' });
});
