// An event is published only once the commit that queued it is on disk: a
// relay that published a commit a kill then lost would tell the world of a
// promotion that no longer exists, and the retried grant would tell of a second.
import test from 'ava';
import { granted, openStore, savedEvent, tempDatabase } from './support/sqljs.ts';

test('the relay is not handed an event before its commit is durable, and is once it is', async (t) => {
  const store = await openStore(t, await tempDatabase(t));
  const committing = store.transact((tx) => tx.enqueue(savedEvent(granted(1))));
  // Committed in memory, not yet on disk.
  t.deepEqual(await store.unpublished(10), []);
  await committing;
  t.deepEqual(
    (await store.unpublished(10)).map((entry) => entry.event.id),
    ['PAY-1.PromotionSaved'],
  );
});

test('commits that share one write are handed over together once it is done', async (t) => {
  const store = await openStore(t, await tempDatabase(t));
  const first = store.transact((tx) => tx.enqueue(savedEvent(granted(1))));
  const second = store.transact((tx) => tx.enqueue(savedEvent(granted(2))));
  t.deepEqual(await store.unpublished(10), []);
  await Promise.all([first, second]);
  t.is((await store.unpublished(10)).length, 2);
});
