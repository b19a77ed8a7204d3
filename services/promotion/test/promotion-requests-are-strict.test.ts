import test from 'ava';
import { errorOf } from '../../../packages/platform/test/support/http.ts';
import { paidPayment, promotionApi } from './support/app.ts';

test('a field POST /promotions does not know answers 400 unknown_field naming it', async (t) => {
  const { api, store } = await promotionApi(t);
  const reply = await api.post('/promotions', { ...paidPayment(100_000), point: 999_999 });
  t.is(reply.status, 400);
  t.like(errorOf(reply), { code: 'unknown_field', field: 'point' });
  t.deepEqual(store.all(), []);
});

test('a missing paymentId answers 400 missing_field', async (t) => {
  const { api } = await promotionApi(t);
  const { paymentId: _omitted, ...body } = paidPayment(100_000);
  const reply = await api.post('/promotions', body);
  t.is(reply.status, 400);
  t.like(errorOf(reply), { code: 'missing_field', field: 'paymentId' });
});

test('a negative paymentPrice answers 400 invalid_field', async (t) => {
  const { api } = await promotionApi(t);
  const reply = await api.post('/promotions', paidPayment(-1));
  t.is(reply.status, 400);
  t.like(errorOf(reply), { code: 'invalid_field', field: 'paymentPrice' });
});

test('an unknown payment has no promotion: 404 not_found', async (t) => {
  const { api } = await promotionApi(t);
  const reply = await api.get('/promotions/PAY-404');
  t.is(reply.status, 404);
  t.is(errorOf(reply).code, 'not_found');
});
