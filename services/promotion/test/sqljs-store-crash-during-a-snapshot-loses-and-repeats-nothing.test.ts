// A snapshot replaces journal segments: it is written under a temporary name,
// fsynced, renamed into place, and only then are the segments it holds
// deleted. A crash can stop that at any step. Each test copies the files at a
// step (what the crash would leave), opens the copy, and finds every answered
// commit once.
import test from 'ava';
import { revoke } from '../src/domain/promotion.ts';
import type { WritePoint } from '../src/adapters/sqljs-store.ts';
import { contents, crashImage, granted, openStore, savedEvent, storeFiles, tempDatabase } from './support/sqljs.ts';

const payments = ['PAY-1', 'PAY-2', 'PAY-3', 'PAY-4', 'PAY-5', 'PAY-9'];

/**
 * Five grants with their events, a revocation, two events published, then a
 * snapshot; during it, one more grant (PAY-9) is committed. Returns the crash
 * image at each write point, whether PAY-9 had been answered by then, and the
 * store's contents before the snapshot.
 */
async function snapshotWithCrashImages(t: Parameters<typeof openStore>[0]) {
  const file = await tempDatabase(t);
  const images = new Map<WritePoint, { file: string; nineAnswered: boolean }>();
  let capturing = false;
  let nineAnswered = false;
  let nine: Promise<void> | undefined;
  const store = await openStore(t, file, {
    hook: (point) => {
      if (!capturing) return;
      images.set(point, { file: crashImage(t, file), nineAnswered });
      if (point === 'snapshot-synced') {
        // A commit while the snapshot is being written; it goes to the new segment.
        nine = store
          .transact((tx) => tx.put(granted(9)))
          .then(() => {
            nineAnswered = true;
          });
      }
    },
  });
  for (const n of [1, 2, 3, 4, 5]) {
    await store.transact((tx) => {
      tx.put(granted(n));
      tx.enqueue(savedEvent(granted(n)));
    });
  }
  await store.transact((tx) => tx.put(revoke(granted(2), '2030-01-02T00:00:00.000Z')));
  const published = (await store.unpublished(2)).map((entry) => entry.seq);
  await store.markPublished(published);
  const before = await contents(store, payments);
  capturing = true;
  await store.checkpoint();
  await nine;
  capturing = false;
  return { file, images, before, store };
}

const point = (
  images: Map<WritePoint, { file: string; nineAnswered: boolean }>,
  name: WritePoint,
): { file: string; nineAnswered: boolean } => {
  const image = images.get(name);
  if (!image) throw new Error(`no crash image at ${name}`);
  return image;
};

test('a crash after the snapshot is written but before its rename keeps the old snapshot and replays the whole journal', async (t) => {
  const { images, before } = await snapshotWithCrashImages(t);
  const image = point(images, 'snapshot-synced');
  t.true((await storeFiles(image.file)).includes('promotion.sqlite.partial'));
  const store = await openStore(t, image.file);
  t.deepEqual(await contents(store, payments), before);
  t.is(store.recovery.snapshotSeq, 0, 'the snapshot being written is not in place');
  t.is(store.recovery.replayed, 7, 'five grants, the revocation and the publication');
  t.false(
    (await storeFiles(image.file)).includes('promotion.sqlite.partial'),
    'opening removes the unfinished snapshot',
  );
});

test('a crash between the rename and the journal deletion replays nothing twice and loses nothing', async (t) => {
  const { images, before } = await snapshotWithCrashImages(t);
  const image = point(images, 'snapshot-renamed');
  t.true((await storeFiles(image.file)).includes('promotion.sqlite.journal.1'), 'the old segment is still there');
  const store = await openStore(t, image.file);
  const after = await contents(store, payments);
  if (image.nineAnswered) t.deepEqual(after.promotions.at(-1), granted(9));
  t.deepEqual(
    { ...after, promotions: after.promotions.slice(0, 5) },
    { ...before, promotions: before.promotions.slice(0, 5) },
  );
  t.is(store.recovery.snapshotSeq, 7);
  t.is(store.recovery.skipped, 7, 'the old segment is skipped: the snapshot holds all of it');
  t.is(
    store.recovery.replayed,
    after.promotions.at(-1) ? 1 : 0,
    'only the commit made during the snapshot is replayed',
  );
});

test('a crash after the journal deletion opens the snapshot and the new segment', async (t) => {
  const { images, before } = await snapshotWithCrashImages(t);
  const image = point(images, 'journal-retired');
  t.false((await storeFiles(image.file)).includes('promotion.sqlite.journal.1'));
  const store = await openStore(t, image.file);
  const after = await contents(store, payments);
  if (image.nineAnswered) t.deepEqual(after.promotions.at(-1), granted(9));
  t.deepEqual(after.outbox, before.outbox);
  t.deepEqual(after.promotions.slice(0, 5), before.promotions.slice(0, 5));
  t.is(store.recovery.skipped, 0);
});

test('after the snapshot, the store holds the commit made during it and reopens to the same contents', async (t) => {
  const { file, store } = await snapshotWithCrashImages(t);
  const expected = await contents(store, payments);
  t.deepEqual(expected.promotions.at(-1), granted(9));
  await store.close();
  t.deepEqual(await storeFiles(file), ['promotion.sqlite', 'promotion.sqlite.journal.2']);
  const reopened = await openStore(t, file);
  t.deepEqual(await contents(reopened, payments), expected);
});
