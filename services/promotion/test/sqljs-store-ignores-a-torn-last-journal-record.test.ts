// A crash while appending can leave the last record of the journal torn: cut
// short, or at full length but with bytes that never reached the disk. It was
// never answered, so it is dropped, and everything before it is kept.
import { appendFile, readFile, stat, writeFile } from 'node:fs/promises';
import test from 'ava';
import { granted, openStore, savedEvent, tempDatabase } from './support/sqljs.ts';

const segment = (file: string) => `${file}.journal.1`;

/** Three committed grants, each with its event, then the store closed. */
async function threeCommits(file: string, t: Parameters<typeof openStore>[0]) {
  const store = await openStore(t, file);
  for (const n of [1, 2, 3]) {
    await store.transact((tx) => {
      tx.put(granted(n));
      tx.enqueue(savedEvent(granted(n)));
    });
  }
  await store.close();
  return (await stat(segment(file))).size;
}

/** Appends a fourth commit's record to the journal, then tears it with `tear`. */
async function tornFourth(t: Parameters<typeof openStore>[0], file: string, tear: (whole: Buffer) => Buffer) {
  const intact = await threeCommits(file, t);
  const store = await openStore(t, file);
  await store.transact((tx) => tx.put(granted(4)));
  await store.close();
  const bytes = await readFile(segment(file));
  await writeFile(segment(file), Buffer.concat([bytes.subarray(0, intact), tear(bytes.subarray(intact))]));
  return intact;
}

test('a last record cut short is dropped, and the commits before it are kept', async (t) => {
  const file = await tempDatabase(t);
  const intact = await tornFourth(t, file, (whole) => whole.subarray(0, Math.floor(whole.length / 2)));
  const store = await openStore(t, file);
  for (const n of [1, 2, 3]) t.deepEqual(await store.find(`PAY-${n}`), granted(n));
  t.is(await store.find('PAY-4'), undefined);
  t.is(store.recovery.replayed, 3);
  t.true(store.recovery.tornBytes > 0);
  t.is((await stat(segment(file))).size, intact, 'the torn bytes are cut off the file');
});

test('a last record at full length whose bytes never reached the disk is dropped', async (t) => {
  const file = await tempDatabase(t);
  // The length is there, the payload is zeros: what a file extended before its data was written looks like.
  await tornFourth(t, file, (whole) => Buffer.concat([whole.subarray(0, 12), Buffer.alloc(whole.length - 12)]));
  const store = await openStore(t, file);
  t.is(store.recovery.replayed, 3);
  t.is(await store.find('PAY-4'), undefined);
  t.deepEqual(
    (await store.unpublished(10)).map((entry) => entry.event.id),
    ['PAY-1.PromotionSaved', 'PAY-2.PromotionSaved', 'PAY-3.PromotionSaved'],
  );
});

test('a last record with one byte flipped is dropped', async (t) => {
  const file = await tempDatabase(t);
  await tornFourth(t, file, (whole) => {
    const copy = Buffer.from(whole);
    copy[copy.length - 3] = (copy[copy.length - 3] ?? 0) ^ 0x01;
    return copy;
  });
  const store = await openStore(t, file);
  t.is(store.recovery.replayed, 3);
  t.is(await store.find('PAY-4'), undefined);
});

test('commits after a torn record was dropped survive the next reopening', async (t) => {
  const file = await tempDatabase(t);
  await threeCommits(file, t);
  await appendFile(segment(file), Buffer.from([0x52, 0x53, 0x4a, 0x31, 0xff, 0x00])); // a header cut short
  const store = await openStore(t, file);
  await store.transact((tx) => tx.put(granted(5)));
  await store.close();
  const reopened = await openStore(t, file);
  for (const n of [1, 2, 3, 5]) t.truthy(await reopened.find(`PAY-${n}`), `PAY-${n}`);
  t.is(reopened.recovery.tornBytes, 0);
});

test('a damaged record with intact records after it is refused, not dropped', async (t) => {
  const file = await tempDatabase(t);
  await threeCommits(file, t);
  const bytes = await readFile(segment(file));
  bytes[20] = (bytes[20] ?? 0) ^ 0x01; // inside the first record's payload
  await writeFile(segment(file), bytes);
  await t.throwsAsync(openStore(t, file), { message: /damaged and intact records follow it/ });
});
