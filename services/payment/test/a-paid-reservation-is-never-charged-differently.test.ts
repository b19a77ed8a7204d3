import test from 'ava';
import { errorOf } from '../../../packages/platform/test/support/http.ts';
import { approval, paymentApi } from './support/app.ts';

test('a different price for an already paid reservation answers 409 reservation_not_payable', async (t) => {
  const { api, repository, promotions } = await paymentApi(t);
  await api.post('/payments', approval(70_000));
  const reply = await api.post('/payments', approval(80_000));
  t.is(reply.status, 409);
  t.is(errorOf(reply).code, 'reservation_not_payable');
  t.is(repository.all().length, 1);
  t.is(repository.all()[0]?.payment.paymentPrice, 70_000);
  t.is(promotions.asked.length, 1);
});

test('another customer paying an already paid reservation answers 409 reservation_not_payable', async (t) => {
  const { api } = await paymentApi(t);
  await api.post('/payments', approval(70_000));
  const reply = await api.post('/payments', approval(70_000, { customerId: 'mallory' }));
  t.is(reply.status, 409);
  t.is(errorOf(reply).code, 'reservation_not_payable');
});

test('a refunded reservation cannot be paid again: 409 reservation_not_payable', async (t) => {
  const { api, publisher } = await paymentApi(t);
  await api.post('/payments', approval(70_000));
  await api.post('/payments/RSV-1/refund');
  const reply = await api.post('/payments', approval(70_000));
  t.is(reply.status, 409);
  t.is(errorOf(reply).code, 'reservation_not_payable');
  t.deepEqual(publisher.topics(), ['PaymentApproved', 'PaymentRefunded']);
});

test('an approval request with a field payment does not know answers 400 unknown_field', async (t) => {
  const { api, repository } = await paymentApi(t);
  const reply = await api.post('/payments', { ...approval(70_000), paymentStatus: 'Y' });
  t.is(reply.status, 400);
  t.like(errorOf(reply), { code: 'unknown_field', field: 'paymentStatus' });
  t.deepEqual(repository.all(), []);
});
