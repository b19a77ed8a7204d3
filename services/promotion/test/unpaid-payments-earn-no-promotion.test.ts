import test from 'ava';
import { decideGrant, isPaid, type PaymentFacts } from '../src/domain/promotion.ts';
import { eachAdapter, paidPayment } from './support/app.ts';

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

eachAdapter(
  'the grant of an unpaid payment is refused as not paid: payment_not_approved, and nothing is stored',
  async (t, { api, store, kicks }) => {
    const reply = await api.grant(paidPayment(150_000, { paymentStatus: 'N' }));
    t.like(reply, { ok: false, refusal: 'not_paid', code: 'payment_not_approved', field: 'paymentStatus' });
    t.deepEqual(store.all(), []);
    t.deepEqual(store.events(), []);
    t.is(kicks(), 0);
    t.like(await api.find('PAY-1'), { ok: false, refusal: 'not_found' });
  },
);
