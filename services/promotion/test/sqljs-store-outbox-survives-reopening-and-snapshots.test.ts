// The outbox is part of the store: events committed with their promotions
// survive reopening and snapshots with their seqs; events marked published
// stay forgotten; a seq is never handed out twice, even for an event
// published and forgotten before a reopening.
import test from 'ava';
import { makeOutboxRelay } from '../src/application/relay.ts';
import { silentLogger } from '@roomstay/platform';
import type { OutgoingEvent } from '@roomstay/contracts';
import { granted, openStore, savedEvent, tempDatabase } from './support/sqljs.ts';

const ids = (entries: ReadonlyArray<{ event: OutgoingEvent }>) => entries.map((entry) => entry.event.id);

test('unpublished events survive reopening with their seqs, across a snapshot', async (t) => {
  const file = await tempDatabase(t);
  const store = await openStore(t, file);
  for (const n of [1, 2]) await store.transact((tx) => tx.enqueue(savedEvent(granted(n))));
  await store.checkpoint();
  for (const n of [3, 4]) await store.transact((tx) => tx.enqueue(savedEvent(granted(n))));
  const before = await store.unpublished(10);
  await store.close();

  const reopened = await openStore(t, file);
  t.deepEqual(await reopened.unpublished(10), before);
  t.deepEqual(ids(before), [
    'PAY-1.PromotionSaved',
    'PAY-2.PromotionSaved',
    'PAY-3.PromotionSaved',
    'PAY-4.PromotionSaved',
  ]);
});

test('events the relay published stay forgotten after reopening, those it did not are published then', async (t) => {
  const file = await tempDatabase(t);
  const store = await openStore(t, file);
  const published: string[] = [];
  let brokerDown = false;
  const relay = (target: typeof store) =>
    makeOutboxRelay({
      store: target,
      logger: silentLogger,
      publisher: {
        async publish(event) {
          if (brokerDown) throw new Error('broker down');
          published.push(event.id);
        },
      },
    });
  for (const n of [1, 2]) await store.transact((tx) => tx.enqueue(savedEvent(granted(n))));
  await relay(store).kick();
  brokerDown = true;
  await store.transact((tx) => tx.enqueue(savedEvent(granted(3))));
  await relay(store).kick();
  await store.close(); // markPublished is not awaited by the relay; closing waits for its record

  const reopened = await openStore(t, file);
  t.deepEqual(ids(await reopened.unpublished(10)), ['PAY-3.PromotionSaved']);
  brokerDown = false;
  await relay(reopened).kick();
  t.deepEqual(published, ['PAY-1.PromotionSaved', 'PAY-2.PromotionSaved', 'PAY-3.PromotionSaved']);
  t.deepEqual(await reopened.unpublished(10), []);
});

test('a seq of an event published and forgotten is not handed out again after reopening', async (t) => {
  const file = await tempDatabase(t);
  const store = await openStore(t, file);
  for (const n of [1, 2]) await store.transact((tx) => tx.enqueue(savedEvent(granted(n))));
  await store.markPublished((await store.unpublished(10)).map((entry) => entry.seq));
  await store.close();

  const reopened = await openStore(t, file);
  await reopened.transact((tx) => tx.enqueue(savedEvent(granted(3))));
  t.deepEqual(
    (await reopened.unpublished(10)).map((entry) => entry.seq),
    [3],
  );
});

test('a promotion and its event are replayed together or not at all', async (t) => {
  const file = await tempDatabase(t);
  const store = await openStore(t, file);
  for (const n of [1, 2, 3]) {
    await store.transact((tx) => {
      tx.put(granted(n));
      tx.enqueue(savedEvent(granted(n)));
    });
  }
  await store.close();
  const reopened = await openStore(t, file);
  t.deepEqual(reopened.stats(), { promotions: 3, unpublished: 3 });
});
