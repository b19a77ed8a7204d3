import test from 'ava';
import { errorOf } from '../../../packages/platform/test/support/http.ts';
import { paidPayment, promotionApi } from './support/app.ts';

test('an unpaid payment is refused naming the payment and its paymentStatus', async (t) => {
  const { api } = await promotionApi(t);
  const reply = await api.post('/promotions', paidPayment(150_000, { paymentStatus: 'N' }));
  t.is(reply.status, 422);
  t.deepEqual(errorOf(reply), {
    code: 'payment_not_approved',
    message: 'payment PAY-1 is not paid (paymentStatus "N")',
    field: 'paymentStatus',
  });
});

test('an unknown payment is answered 404 naming the payment', async (t) => {
  const { api } = await promotionApi(t);
  const reply = await api.get('/promotions/PAY-404');
  t.is(reply.status, 404);
  t.deepEqual(errorOf(reply), { code: 'not_found', message: 'no promotion for payment PAY-404' });
});
