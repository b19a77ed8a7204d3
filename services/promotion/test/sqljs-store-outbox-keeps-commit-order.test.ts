import test from 'ava';
import { granted, openStore, savedEvent, tempDatabase } from './support/sqljs.ts';

test('unpublished entries come back in commit order, and published ones no longer come back', async (t) => {
  const store = await openStore(t, await tempDatabase(t));
  await store.transact((tx) => {
    tx.enqueue(savedEvent(granted(1)));
    tx.enqueue(savedEvent(granted(2)));
  });
  await store.transact((tx) => tx.enqueue(savedEvent(granted(3))));

  const entries = await store.unpublished(10);
  t.deepEqual(
    entries.map((entry) => entry.event.id),
    ['PAY-1.PromotionSaved', 'PAY-2.PromotionSaved', 'PAY-3.PromotionSaved'],
  );
  t.deepEqual(
    entries.map((entry) => entry.seq),
    [...entries.map((entry) => entry.seq)].sort((a, b) => a - b),
  );

  await store.markPublished(entries.slice(0, 2).map((entry) => entry.seq));
  t.deepEqual(
    (await store.unpublished(10)).map((entry) => entry.event.id),
    ['PAY-3.PromotionSaved'],
  );
  t.deepEqual(store.stats(), { promotions: 0, unpublished: 1 });
});

test('unpublished honours its limit, oldest first', async (t) => {
  const store = await openStore(t, await tempDatabase(t));
  for (const n of [1, 2, 3]) await store.transact((tx) => tx.enqueue(savedEvent(granted(n))));
  t.deepEqual(
    (await store.unpublished(2)).map((entry) => entry.event.id),
    ['PAY-1.PromotionSaved', 'PAY-2.PromotionSaved'],
  );
});

test('an event id is queued once even when enqueued again', async (t) => {
  const store = await openStore(t, await tempDatabase(t));
  await store.transact((tx) => tx.enqueue(savedEvent(granted(1))));
  await store.transact((tx) => tx.enqueue(savedEvent(granted(1))));
  t.is((await store.unpublished(10)).length, 1);
});

test('being published survives reopening the file', async (t) => {
  const file = await tempDatabase(t);
  const store = await openStore(t, file);
  await store.transact((tx) => {
    tx.enqueue(savedEvent(granted(1)));
    tx.enqueue(savedEvent(granted(2)));
  });
  const [first] = await store.unpublished(1);
  if (!first) return t.fail('one entry is unpublished');
  await store.markPublished([first.seq]);
  await store.close();
  const reopened = await openStore(t, file);
  t.deepEqual(
    (await reopened.unpublished(10)).map((entry) => entry.event.id),
    ['PAY-2.PromotionSaved'],
  );
});
