import test from 'ava';
import { encodeCursor, pageInOrder, pageOf } from '../src/pages.ts';

const items = Array.from({ length: 45 }, (_, i) => `k${String(i).padStart(2, '0')}`);
const key = (item: string) => item;

test('pages of a sorted list follow each other by cursor, every item once, the last without next', (t) => {
  const seen: string[] = [];
  let cursor: string | undefined;
  let pages = 0;
  do {
    const page = pageOf(items, key, { ...(cursor ? { cursor } : {}), limit: '20' });
    seen.push(...page.items);
    cursor = page.next;
    pages++;
  } while (cursor);
  t.deepEqual(seen, items);
  t.is(pages, 3);
});

test('a page holds 20 items unless the limit says otherwise', (t) => {
  t.is(pageOf(items, key, {}).items.length, 20);
  t.is(pageOf(items, key, { limit: '7' }).items.length, 7);
});

test('an item added before the cursor does not shift the next page', (t) => {
  const first = pageOf(items, key, { limit: '10' });
  const grown = ['a-new-first', ...items];
  t.deepEqual(pageOf(grown, key, { cursor: first.next ?? '', limit: '10' }).items, items.slice(10, 20));
});

test('descending lists page the other way', (t) => {
  const newestFirst = [...items].reverse();
  const first = pageOf(newestFirst, key, { limit: '5' }, 'descending');
  t.deepEqual(pageOf(newestFirst, key, { cursor: first.next ?? '', limit: '5' }, 'descending').items, [
    'k39',
    'k38',
    'k37',
    'k36',
    'k35',
  ]);
});

test('lists in their own order page by the id of the last item shown; a vanished item has nothing after it', (t) => {
  const first = pageInOrder(items, key, { limit: '10' });
  t.deepEqual(pageInOrder(items, key, { cursor: first.next ?? '', limit: '10' }).items, items.slice(10, 20));
  t.deepEqual(pageInOrder(items, key, { cursor: encodeCursor('gone'), limit: '10' }).items, []);
});

test('a cursor no list gave is a position like any other, never an error', (t) => {
  t.deepEqual(pageOf(items, key, { cursor: encodeCursor('k41x') }).items, ['k42', 'k43', 'k44']);
  t.deepEqual(pageOf(items, key, { cursor: encodeCursor('~ past the end') }).items, []);
});
