// A write can fail (disk full, I/O error). The store answers the commits it
// concerns with the error and keeps everything it committed in memory in the
// journal's order: the next write carries it, once.
import test from 'ava';
import type { WritePoint } from '../src/adapters/sqljs-store.ts';
import { crashImage, granted, openStore, storeFiles, tempDatabase } from './support/sqljs.ts';

/** A hook that throws once at `point`, the next time it is armed. */
function failOnce(point: WritePoint) {
  let armed = false;
  return {
    arm: () => {
      armed = true;
    },
    hook: (at: WritePoint) => {
      if (armed && at === point) {
        armed = false;
        throw new Error(`disk failed at ${at}`);
      }
    },
  };
}

test('an append that failed is refused, then written once with the next commit', async (t) => {
  const file = await tempDatabase(t);
  const failure = failOnce('journal-synced');
  const store = await openStore(t, file, { hook: failure.hook });
  await store.transact((tx) => tx.put(granted(1)));
  failure.arm();
  await t.throwsAsync(
    store.transact((tx) => tx.put(granted(2))),
    { message: 'disk failed at journal-synced' },
  );
  await store.transact((tx) => tx.put(granted(3)));

  const reopened = await openStore(t, crashImage(t, file));
  // The refused commit stayed committed in memory; it reaches the disk with the next append, once.
  for (const n of [1, 2, 3]) t.truthy(await reopened.find(`PAY-${n}`), `PAY-${n}`);
  t.is(reopened.recovery.replayed, 3);
  t.is(reopened.recovery.tornBytes, 0);
});

test('a snapshot that failed keeps the journal, and the next snapshot replaces all of it', async (t) => {
  const file = await tempDatabase(t);
  const failure = failOnce('snapshot-synced');
  const store = await openStore(t, file, { hook: failure.hook });
  await store.transact((tx) => tx.put(granted(1)));
  failure.arm();
  await t.throwsAsync(store.checkpoint(), { message: 'disk failed at snapshot-synced' });
  await store.transact((tx) => tx.put(granted(2)));
  t.deepEqual(await storeFiles(file), ['promotion.sqlite.journal.1', 'promotion.sqlite.journal.2']);

  const crashed = await openStore(t, crashImage(t, file));
  t.truthy(await crashed.find('PAY-1'));
  t.truthy(await crashed.find('PAY-2'));

  await store.checkpoint();
  t.deepEqual(await storeFiles(file), ['promotion.sqlite'], 'the next segment is created by the next append');
  await store.close();
  const reopened = await openStore(t, file);
  t.truthy(await reopened.find('PAY-1'));
  t.truthy(await reopened.find('PAY-2'));
  t.is(reopened.recovery.replayed, 0);
});
