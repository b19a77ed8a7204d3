import test from 'ava';
import { decideGrant, pointsFor } from '../src/domain/promotion.ts';

test('a paid 12,345 earns 1,234 points', (t) => {
  t.is(pointsFor({ paymentPrice: 12_345, paymentStatus: 'Y' }), 1_234);
});

test('points are floor(price / 10) at and around the service boundaries', (t) => {
  const expected: Array<[number, number]> = [
    [0, 0],
    [9, 0],
    [10, 1],
    [49_999, 4_999],
    [50_000, 5_000],
    [99_999, 9_999],
    [100_000, 10_000],
  ];
  for (const [price, points] of expected)
    t.is(pointsFor({ paymentPrice: price, paymentStatus: 'Y' }), points, `price ${price}`);
});

test('an unpaid payment earns no points', (t) => {
  t.is(pointsFor({ paymentPrice: 120_000, paymentStatus: 'N' }), 0);
  t.is(pointsFor({ paymentPrice: 120_000, paymentStatus: '' }), 0);
});

test('a granted promotion carries the points of its price', (t) => {
  const decision = decideGrant(
    {
      paymentId: 'PAY-1',
      reservationId: 'RSV-1',
      customerId: 'alice',
      customerName: 'Alice',
      paymentPrice: 12_345,
      paymentStatus: 'Y',
    },
    'CPN-1',
    '2030-01-01T00:00:00.000Z',
  );
  t.like(decision, { kind: 'grant', promotion: { point: 1_234, service: null, status: 'granted', couponId: 'CPN-1' } });
});
