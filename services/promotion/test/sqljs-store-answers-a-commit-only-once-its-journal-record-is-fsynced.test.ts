// A kill of the process loses nothing the kernel holds; a power cut loses what
// was not fsynced. These tests watch the store's file operations and check, at
// the moment a commit is answered, that nothing it relies on is only in the
// page cache, and that a snapshot replaces journal segments only once it is
// itself durable.
import test from 'ava';
import { granted, openStore, savedEvent, tempDatabase } from './support/sqljs.ts';
import { watchedFs } from './support/watched-fs.ts';

const journal = /\.journal\.\d+$/;

test('every answered commit has its record fsynced and its segment named durably', async (t) => {
  const disk = watchedFs();
  const store = await openStore(t, await tempDatabase(t), { files: disk.files });
  for (const n of [1, 2, 3]) {
    const before = disk.durable(journal);
    await store.transact((tx) => {
      tx.put(granted(n));
      tx.enqueue(savedEvent(granted(n)));
    });
    t.true(disk.durable(journal) > before, `commit ${n}: its record is written and fsynced`);
    t.deepEqual(disk.volatile(journal), [], `after commit ${n}`);
  }
  // Fired together, answered together by one group commit.
  await Promise.all([4, 5, 6].map((n) => store.transact((tx) => tx.put(granted(n)))));
  t.deepEqual(disk.volatile(journal), [], 'after a group commit');
  t.deepEqual(disk.violations, []);
});

test('the first commit into the segment a snapshot started is answered once that segment is durable', async (t) => {
  const disk = watchedFs();
  const store = await openStore(t, await tempDatabase(t), { files: disk.files });
  await store.transact((tx) => tx.put(granted(1)));
  await store.checkpoint();
  await store.transact((tx) => tx.put(granted(2)));
  t.deepEqual(disk.volatile(journal), []);
  t.deepEqual(disk.violations, []);
});

test('a snapshot is fsynced before it is renamed into place, and durable before the journal it replaces is deleted', async (t) => {
  const disk = watchedFs();
  const file = await tempDatabase(t);
  const store = await openStore(t, file, { files: disk.files });
  for (const n of [1, 2, 3]) await store.transact((tx) => tx.put(granted(n)));
  await store.checkpoint();
  t.deepEqual(disk.violations, []);
  t.deepEqual(disk.volatile(/promotion\.sqlite$/), [], 'the snapshot itself is durable once checkpoint resolves');
});
