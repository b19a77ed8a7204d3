import test from 'ava';
import type { OutgoingEvent } from '@roomstay/contracts';
import { silentLogger } from '@roomstay/platform';
import { makeGrantPromotion, makeRevokePromotion } from '../src/application/promotions.ts';
import { makeOutboxRelay } from '../src/application/relay.ts';
import { InMemoryPromotionStore } from './support/memory-store.ts';
import { paidPayment } from './support/app.ts';

function harness(failing: (event: OutgoingEvent) => boolean) {
  const store = new InMemoryPromotionStore();
  const published: string[] = [];
  const publisher = {
    async publish(event: OutgoingEvent) {
      if (failing(event)) throw new Error('broker down');
      published.push(event.id);
    },
  };
  const relay = makeOutboxRelay({ store, publisher, logger: silentLogger });
  let coupons = 0;
  const deps = {
    store,
    clock: { now: () => '2030-01-01T00:00:00.000Z' },
    ids: { couponId: () => `CPN-${++coupons}` },
    onCommitted: () => undefined,
  };
  return { store, published, relay, grant: makeGrantPromotion(deps), revoke: makeRevokePromotion(deps) };
}

test('the relay publishes committed events in commit order and then none again', async (t) => {
  const { published, relay, grant, revoke, store } = harness(() => false);
  await grant(paidPayment(100_000, { paymentId: 'PAY-1' }));
  await grant(paidPayment(60_000, { paymentId: 'PAY-2' }));
  await revoke({ paymentId: 'PAY-1', reservationId: 'RSV-1', customerId: 'alice', paymentPrice: 100_000 });
  await relay.kick();
  t.deepEqual(published, ['PAY-1.PromotionSaved', 'PAY-2.PromotionSaved', 'PAY-1.PromotionRevoked']);
  await relay.kick();
  t.is(published.length, 3);
  t.deepEqual(await store.unpublished(10), []);
});

test('an event whose publish failed stays queued, with those after it, and leaves on a later pass', async (t) => {
  let brokerDown = true;
  const { published, relay, grant, store } = harness((event) => brokerDown && event.id === 'PAY-2.PromotionSaved');
  for (const n of [1, 2, 3]) await grant(paidPayment(100_000, { paymentId: `PAY-${n}` }));
  await relay.kick(); // does not throw: the failure is logged and the events stay
  t.deepEqual(published, ['PAY-1.PromotionSaved']);
  t.deepEqual(
    (await store.unpublished(10)).map((entry) => entry.event.id),
    ['PAY-2.PromotionSaved', 'PAY-3.PromotionSaved'],
  );
  brokerDown = false;
  await relay.kick();
  t.deepEqual(published, ['PAY-1.PromotionSaved', 'PAY-2.PromotionSaved', 'PAY-3.PromotionSaved']);
});
