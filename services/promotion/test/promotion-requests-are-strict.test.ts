import test from 'ava';
import { eachAdapter, paidPayment, promotionApi } from './support/app.ts';

// JSON can carry a field the contract does not know; a proto message cannot
// (its decoder has only promotion.proto's fields), so this one is HTTP's own.
test('a field POST /promotions does not know is refused as invalid: unknown_field naming it', async (t) => {
  const { api, store } = await promotionApi(t, 'HTTP');
  const reply = await api.grant({ ...paidPayment(100_000), point: 999_999 });
  t.like(reply, { ok: false, refusal: 'invalid', code: 'unknown_field', field: 'point' });
  t.deepEqual(store.all(), []);
});

eachAdapter('a grant without paymentId is refused as invalid, naming paymentId', async (t, { api, store }) => {
  const { paymentId: _omitted, ...body } = paidPayment(100_000);
  const reply = await api.grant(body);
  t.like(reply, { ok: false, refusal: 'invalid', code: api.absentField, field: 'paymentId' });
  t.deepEqual(store.all(), []);
});

eachAdapter('a negative paymentPrice is refused as invalid: invalid_field', async (t, { api }) => {
  const reply = await api.grant(paidPayment(-1));
  t.like(reply, { ok: false, refusal: 'invalid', code: 'invalid_field', field: 'paymentPrice' });
});

eachAdapter('an unknown payment has no promotion: not found', async (t, { api }) => {
  t.like(await api.find('PAY-404'), { ok: false, refusal: 'not_found', code: 'not_found' });
});
