import test from 'ava';
import { decideGrant, isPaid, type PaymentFacts } from '../src/domain/promotion.ts';
import { errorOf } from '../../../packages/platform/test/support/http.ts';
import { paidPayment, promotionApi } from './support/app.ts';

const facts = (paymentStatus: string): PaymentFacts => ({
  paymentId: 'PAY-1',
  reservationId: 'RSV-1',
  customerId: 'alice',
  customerName: 'Alice',
  paymentPrice: 150_000,
  paymentStatus,
});

test('only paymentStatus "Y" counts as paid', (t) => {
  t.true(isPaid({ paymentStatus: 'Y' }));
  for (const status of ['N', 'y', 'YES', 'REFUNDED', '']) t.false(isPaid({ paymentStatus: status }), status);
});

test('the rule refuses a promotion for an unpaid payment', (t) => {
  for (const status of ['N', 'REFUNDED', '']) {
    t.deepEqual(decideGrant(facts(status), 'CPN-1', '2030-01-01T00:00:00.000Z'), { kind: 'refuse', reason: 'unpaid' });
  }
});

test('POST /promotions for an unpaid payment answers 422 payment_not_approved and stores nothing', async (t) => {
  const { api, store, kicks } = await promotionApi(t);
  const reply = await api.post('/promotions', paidPayment(150_000, { paymentStatus: 'N' }));
  t.is(reply.status, 422);
  t.like(errorOf(reply), { code: 'payment_not_approved', field: 'paymentStatus' });
  t.deepEqual(store.all(), []);
  t.deepEqual(store.events(), []);
  t.is(kicks(), 0);
  t.is((await api.get('/promotions/PAY-1')).status, 404);
});
