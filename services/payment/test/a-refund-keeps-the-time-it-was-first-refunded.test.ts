import test from 'ava';
import { approve, refund } from '../src/domain/payment.ts';

test('refunding a refunded payment leaves it as it was first refunded', (t) => {
  const paid = approve(
    { reservationId: 'RSV-1', customerId: 'alice', customerName: 'Alice', paymentPrice: 70_000 },
    'PAY-1',
    '2030-01-01T00:00:00.000Z',
  );
  const once = refund(paid, '2030-01-02T00:00:00.000Z');
  t.like(once, { paymentStatus: 'REFUNDED', refundedAt: '2030-01-02T00:00:00.000Z' });
  t.is(refund(once, '2030-01-03T00:00:00.000Z'), once);
});
