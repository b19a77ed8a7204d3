import test from 'ava';
import { z } from 'zod';
import { DueList, type DueEntry } from '../src/index.ts';
import { InMemoryDocuments } from './support/documents.ts';

const options = { name: 'test', windowMs: 1_000, slots: 16 };
const list = (store: InMemoryDocuments) => new DueList<string>(store, z.string(), options);
const take = async (due: DueList<string>, now: number) => {
  const taken: Array<DueEntry<string>> = [];
  await due.takeDue(now, async (entries) => void taken.push(...entries));
  return taken.map((e) => e.id).sort();
};

test('an entry is taken once its window has ended, and only once', async (t) => {
  const due = list(new InMemoryDocuments());
  await due.takeDue(10_000, async () => undefined); // first use: the list starts here
  await due.add({ id: 'a', dueAt: 12_500, value: 'A' });
  await due.add({ id: 'b', dueAt: 13_200, value: 'B' });
  t.deepEqual(await take(due, 12_999), []);
  t.deepEqual(await take(due, 13_000), ['a']);
  t.deepEqual(await take(due, 20_000), ['b']);
  t.deepEqual(await take(due, 30_000), []);
});

test('what is due survives a restart: a new list over the same store takes it', async (t) => {
  const store = new InMemoryDocuments();
  await list(store).takeDue(10_000, async () => undefined);
  await list(store).add({ id: 'a', dueAt: 11_000, value: 'A' });
  t.deepEqual(await take(list(store), 60_000), ['a']);
});

test('a window whose handling failed is handed over again next time', async (t) => {
  const due = list(new InMemoryDocuments());
  await due.takeDue(10_000, async () => undefined);
  await due.add({ id: 'a', dueAt: 11_000, value: 'A' });
  await t.throwsAsync(
    due.takeDue(20_000, async () => {
      throw new Error('store away');
    }),
  );
  t.deepEqual(await take(due, 20_000), ['a']);
});

test('the same id added twice is one entry', async (t) => {
  const due = list(new InMemoryDocuments());
  await due.takeDue(10_000, async () => undefined);
  await due.add({ id: 'a', dueAt: 11_000, value: 'A' });
  await due.add({ id: 'a', dueAt: 11_100, value: 'A' });
  t.deepEqual(await take(due, 20_000), ['a']);
});

test('taken windows are deleted: the store holds only what is still to come', async (t) => {
  const store = new InMemoryDocuments();
  const due = list(store);
  await due.takeDue(10_000, async () => undefined);
  for (let i = 0; i < 100; i++) await due.add({ id: `e${i}`, dueAt: 11_000 + i * 100, value: 'x' });
  await take(due, 16_000);
  const windows = store.keys().filter((k) => !k.endsWith(':cursor'));
  t.true(windows.length > 0);
  t.true(windows.every((k) => Number(k.split(':')[2]) >= 16_000));
});

test('concurrent adds to one window all land', async (t) => {
  const due = list(new InMemoryDocuments());
  await due.takeDue(10_000, async () => undefined);
  await Promise.all(Array.from({ length: 40 }, (_, i) => due.add({ id: `e${i}`, dueAt: 11_000, value: 'x' })));
  t.is((await take(due, 20_000)).length, 40);
});

test('more entries than a window has slots spill into the next windows, none lost', async (t) => {
  const due = list(new InMemoryDocuments());
  await due.takeDue(10_000, async () => undefined);
  await Promise.all(Array.from({ length: 50 }, (_, i) => due.add({ id: `e${i}`, dueAt: 11_000, value: 'x' })));
  t.is((await take(due, 20_000)).length, 50);
});

test('adding never reads the store: one write per entry', async (t) => {
  const store = new InMemoryDocuments();
  const due = list(store);
  await due.takeDue(10_000, async () => undefined);
  const [writes, reads] = [store.writes, store.reads];
  await due.add({ id: 'a', dueAt: 11_000, value: 'A' });
  t.is(store.writes - writes, 1);
  t.is(store.reads - reads, 0);
});
