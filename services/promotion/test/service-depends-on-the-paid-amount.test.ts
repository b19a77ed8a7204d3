import test from 'ava';
import { decideGrant, serviceFor, type PaymentFacts } from '../src/domain/promotion.ts';

const paid = (paymentPrice: number): PaymentFacts => ({
  paymentId: 'PAY-1',
  reservationId: 'RSV-1',
  customerId: 'alice',
  customerName: 'Alice',
  paymentPrice,
  paymentStatus: 'Y',
});

const cases = [
  { price: 0, service: null },
  { price: 49_999, service: null },
  { price: 50_000, service: 'BEVERAGE' },
  { price: 99_999, service: 'BEVERAGE' },
  { price: 100_000, service: 'DISCOUNT COUPON' },
  { price: 1_000_000, service: 'DISCOUNT COUPON' },
] as const;

for (const { price, service } of cases) {
  test(`a payment of exactly ${price.toLocaleString('en-US')} earns ${service ?? 'no service'}`, (t) => {
    t.is(serviceFor(price), service);
    const decision = decideGrant(paid(price), 'CPN-1', '2030-01-01T00:00:00.000Z');
    t.is(decision.kind, 'grant');
    if (decision.kind === 'grant') t.is(decision.promotion.service, service);
  });
}
