import test from 'ava';
import type { OutgoingEvent } from '@roomstay/contracts';
import { makeGrantPromotion } from '../src/application/promotions.ts';
import { makeOutboxRelay } from '../src/application/relay.ts';
import { recordingLogger, WARN } from '../../../packages/platform/test/support/logs.ts';
import { InMemoryPromotionStore } from './support/memory-store.ts';
import { paidPayment } from './support/app.ts';

const never = new Promise<void>(() => undefined);
/** Resolves with 'stuck' if `work` has not settled by then. */
const within = <T>(ms: number, work: Promise<T>) =>
  Promise.race([work, new Promise<'stuck'>((resolve) => setTimeout(() => resolve('stuck'), ms))]);

async function grantedStore() {
  const store = new InMemoryPromotionStore();
  const grant = makeGrantPromotion({
    store,
    clock: { now: () => '2030-01-01T00:00:00.000Z' },
    ids: { couponId: () => 'CPN-1' },
    onCommitted: () => undefined,
  });
  await grant(paidPayment(100_000));
  return store;
}

test('a publish that does not answer within the give-up time ends the pass with a warning, and the event leaves on a later pass', async (t) => {
  const store = await grantedStore();
  const { logger, lines } = recordingLogger();
  let answering = false;
  const published: string[] = [];
  const publisher = {
    async publish(event: OutgoingEvent) {
      if (!answering) return never;
      published.push(event.id);
    },
  };
  const relay = makeOutboxRelay({ store, publisher, logger, publishTimeoutMs: 50 });

  t.is(await within(5_000, relay.kick()), undefined, 'the pass gives up instead of waiting');
  t.deepEqual(published, []);
  t.deepEqual(
    (await store.unpublished(10)).map((entry) => entry.event.id),
    ['PAY-1.PromotionSaved'],
  );
  t.deepEqual(
    lines.map((line) => [line.level, line.msg, line.err?.message]),
    [[WARN, 'outbox relay pass failed; events stay queued', 'publishing PAY-1.PromotionSaved did not answer']],
  );

  answering = true;
  await relay.kick();
  t.deepEqual(published, ['PAY-1.PromotionSaved']);
  t.deepEqual(await store.unpublished(10), []);
});

test('without a give-up time of its own, the relay waits for a publish that takes a moment', async (t) => {
  const store = await grantedStore();
  const { logger, lines } = recordingLogger();
  const published: string[] = [];
  const publisher = {
    async publish(event: OutgoingEvent) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      published.push(event.id);
    },
  };
  await makeOutboxRelay({ store, publisher, logger }).kick();
  t.deepEqual(published, ['PAY-1.PromotionSaved']);
  t.deepEqual(await store.unpublished(10), []);
  t.deepEqual(lines, []);
});
