// Every list is answered a page at a time, with an opaque cursor to the next
// page. The cursor is the sort key of the last item shown, so a page does not
// shift when items are added before it.
import { DEFAULT_PAGE_SIZE, positionOf, type PageQuery } from '@roomstay/contracts';
import { AppError } from './errors.ts';

export interface Page<T> {
  items: T[];
  next?: string;
}

export const encodeCursor = (key: string): string => Buffer.from(key, 'utf8').toString('base64url');

/**
 * The position a cursor names. One no list gave is just somewhere in the
 * order; one that names no position (contracts' positionOf) is the caller's
 * mistake, refused before any store is asked.
 */
export function decodeCursor(cursor: string): string {
  const position = positionOf(cursor);
  if (position === undefined) {
    throw new AppError('invalid_field', 'cursor: names no position in any list; use a next a page gave', {
      field: 'cursor',
    });
  }
  return position;
}

/**
 * The page after the query's cursor of items kept in their own order (newest
 * first, say), each known by a unique id; a cursor whose item is gone from the
 * list (dropped as too old) has nothing after it.
 */
export function pageInOrder<T>(items: readonly T[], idOf: (item: T) => string, query: PageQuery): Page<T> {
  const limit = query.limit ? Number(query.limit) : DEFAULT_PAGE_SIZE;
  const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor);
  const start = after === undefined ? 0 : items.findIndex((item) => idOf(item) === after) + 1;
  const rest = start <= 0 && after !== undefined ? [] : items.slice(start);
  const page = rest.slice(0, limit);
  const last = page[page.length - 1];
  return rest.length > limit && last !== undefined ? { items: page, next: encodeCursor(idOf(last)) } : { items: page };
}

/**
 * The page after the query's cursor of items sorted by `keyOf` (ascending or
 * descending, as `order` says; keys are unique), at most `limit` of them.
 */
export function pageOf<T>(
  sorted: readonly T[],
  keyOf: (item: T) => string,
  query: PageQuery,
  order: 'ascending' | 'descending' = 'ascending',
): Page<T> {
  const limit = query.limit ? Number(query.limit) : DEFAULT_PAGE_SIZE;
  const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor);
  const beyond = (key: string) => (order === 'ascending' ? key > (after ?? '') : after === undefined || key < after);
  const start = after === undefined ? 0 : sorted.findIndex((item) => beyond(keyOf(item)));
  const rest = start < 0 ? [] : sorted.slice(start);
  const items = rest.slice(0, limit);
  const last = items[items.length - 1];
  return rest.length > limit && last !== undefined ? { items, next: encodeCursor(keyOf(last)) } : { items };
}
