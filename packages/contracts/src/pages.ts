// Lists are answered a page at a time: the query of every list, and the
// opaque cursor from one page to the next (platform's pages.ts makes them).
import { z } from 'zod';
import { storableChar } from './text.ts';

const cursorForm = /^[A-Za-z0-9_-]{1,400}$/;
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const storablePosition = new RegExp(`^${storableChar}*$`);

/**
 * The position a cursor names: the text whose UTF-8 it is in base64url, or
 * undefined when it names no position any store can compare: not base64url as
 * encoding makes it, not UTF-8, or holding a character no store keeps (a NUL
 * is refused by PostgreSQL, which would answer the list with its own failure).
 */
export function positionOf(cursor: string): string | undefined {
  if (!cursorForm.test(cursor)) return undefined;
  const bytes = Buffer.from(cursor, 'base64url');
  if (bytes.toString('base64url') !== cursor) return undefined;
  let position: string;
  try {
    position = utf8.decode(bytes);
  } catch {
    return undefined;
  }
  return storablePosition.test(position) ? position : undefined;
}

/**
 * An opaque position in a list, as the previous page's `next` gave it. One
 * that names a position no list gave is just somewhere in the order; one that
 * names no position at all is refused.
 */
export const Cursor = z
  .string()
  .regex(cursorForm)
  .refine((cursor) => positionOf(cursor) !== undefined, 'names no position in any list; use a next a page gave')
  .meta({
    description: "The base64url of a position in the list's order (UTF-8, no control characters), as `next` gave it",
  });
export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;
/** `limit` as a query parameter: a whole number of items, 1 to 100. */
export const PageLimit = z.string().regex(/^(100|[1-9][0-9]?)$/);

/** The query of every list: where to go on from, how many at most. */
export const PageQuery = z.strictObject({
  cursor: Cursor.optional(),
  limit: PageLimit.optional(),
});
export type PageQuery = z.infer<typeof PageQuery>;
