import test from 'ava';
import type { OutgoingEvent } from '@roomstay/contracts';
import { silentLogger } from '@roomstay/platform';
import { makeGrantPromotion } from '../src/application/promotions.ts';
import type { OutboxEntry } from '../src/application/ports.ts';
import { makeOutboxRelay } from '../src/application/relay.ts';
import { InMemoryPromotionStore } from './support/memory-store.ts';
import { paidPayment } from './support/app.ts';

/** A store whose answer to `unpublished` can be held back, as a slow disk would. */
class HeldStore extends InMemoryPromotionStore {
  hold: Promise<void> | undefined;
  reads = 0;
  /** The most reads under way at once: one per pass running. */
  mostAtOnce = 0;
  private underWay = 0;
  override async unpublished(limit: number): Promise<OutboxEntry[]> {
    const entries = await super.unpublished(limit);
    this.reads++;
    this.mostAtOnce = Math.max(this.mostAtOnce, ++this.underWay);
    await this.hold;
    this.underWay--;
    return entries;
  }
}

test('a commit that kicks the relay while its pass finds nothing left makes that one pass look again', async (t) => {
  const store = new HeldStore();
  const published: string[] = [];
  const publisher = { publish: async (event: OutgoingEvent) => void published.push(event.id) };
  const relay = makeOutboxRelay({ store, publisher, logger: silentLogger });
  const grant = makeGrantPromotion({
    store,
    clock: { now: () => '2030-01-01T00:00:00.000Z' },
    ids: { couponId: () => 'CPN-1' },
    onCommitted: () => undefined,
  });

  let release: () => void = () => undefined;
  store.hold = new Promise<void>((resolve) => {
    release = resolve;
  });
  const first = relay.kick(); // its pass reads an empty outbox, held back
  while (store.reads === 0) await new Promise((resolve) => setImmediate(resolve));
  await grant(paidPayment(100_000)); // committed after that read
  const second = relay.kick(); // joins the running pass
  for (let i = 0; i < 10; i++) await new Promise((resolve) => setImmediate(resolve));
  store.hold = undefined;
  release();
  await Promise.all([first, second]);
  t.deepEqual(published, ['PAY-1.PromotionSaved']);
  t.is(store.mostAtOnce, 1, 'one pass at a time');
});
