import { setImmediate as nextTurn } from 'node:timers/promises';
import test from 'ava';
import { countsOnDisk, granted, openStore, savedEvent, tempDatabase } from './support/sqljs.ts';

test('50 transactions fired at once are all on disk once they resolve', async (t) => {
  const file = await tempDatabase(t);
  const store = await openStore(t, file);
  const writes = Array.from({ length: 50 }, (_, i) =>
    store.transact((tx) => {
      tx.put(granted(i + 1));
      tx.enqueue(savedEvent(granted(i + 1)));
      return i + 1;
    }),
  );
  t.deepEqual(
    await Promise.all(writes),
    Array.from({ length: 50 }, (_, i) => i + 1),
  );

  // Read by another reader while the writer is still open: every resolved commit is there.
  t.deepEqual(await countsOnDisk(file), { promotions: 50, outbox: 50 });
  await store.close();
  const reopened = await openStore(t, file);
  t.deepEqual(reopened.stats(), { promotions: 50, unpublished: 50 });
  for (let n = 1; n <= 50; n++) t.truthy(await reopened.find(`PAY-${n}`), `PAY-${n}`);
});

test('the files read while commits keep arriving always open, each promotion with its event', async (t) => {
  const file = await tempDatabase(t);
  const store = await openStore(t, file);
  let writing = true;
  const writer = (async () => {
    const pending: Array<Promise<void>> = [];
    for (let n = 1; n <= 50; n++) {
      pending.push(
        store.transact((tx) => {
          tx.put(granted(n));
          tx.enqueue(savedEvent(granted(n)));
        }),
      );
      await nextTurn(); // let the group commit and the reader run between commits
    }
    await Promise.all(pending);
  })().finally(() => {
    writing = false;
  });

  const seen: number[] = [];
  while (writing) {
    // Throws if the snapshot and journal ever fail to open or do not hold together.
    const counts = await countsOnDisk(file);
    t.is(counts.promotions, counts.outbox, 'each promotion is on disk with its event');
    seen.push(counts.promotions);
  }
  await writer;
  t.true(seen.length > 0);
  t.deepEqual(
    seen,
    [...seen].sort((a, b) => a - b),
    'what is on disk only grows',
  );
  t.deepEqual(await countsOnDisk(file), { promotions: 50, outbox: 50 });
  t.log(`read the files ${seen.length} times while writing; distinct states seen: ${new Set(seen).size}`);
});
