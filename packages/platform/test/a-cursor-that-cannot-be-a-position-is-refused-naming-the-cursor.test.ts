// A cursor is the base64url of a position in a list's order. One that decodes
// to no position any store can compare (a NUL, which PostgreSQL refuses in
// text, bytes that are not UTF-8, an encoding no list makes) is the client's
// mistake: 400 naming the cursor, never a store's failure.
import test from 'ava';
import { PageQuery, RoomQuery } from '@roomstay/contracts';
import { AppError } from '../src/errors.ts';
import { decodeCursor, encodeCursor, pageOf } from '../src/pages.ts';
import { parse } from '../src/validate.ts';
import { cursorsThatAreNoPosition } from './support/cursors.ts';

function refusalOf(act: () => unknown): { status: number; field: string | undefined } | undefined {
  try {
    act();
  } catch (error) {
    if (error instanceof AppError) return { status: error.status, field: error.field };
    throw error;
  }
  return undefined;
}

for (const [what, cursor] of Object.entries(cursorsThatAreNoPosition)) {
  test(`a cursor holding ${what} is refused by every list's query, naming the cursor`, (t) => {
    for (const schema of [PageQuery, RoomQuery]) {
      t.deepEqual(
        refusalOf(() => parse(schema, { cursor })),
        { status: 400, field: 'cursor' },
      );
    }
  });

  test(`a cursor holding ${what} is refused before any store is asked, naming the cursor`, (t) => {
    t.deepEqual(
      refusalOf(() => decodeCursor(cursor)),
      { status: 400, field: 'cursor' },
    );
    t.deepEqual(
      refusalOf(() => pageOf(['a', 'b'], (item) => item, { cursor })),
      { status: 400, field: 'cursor' },
    );
  });
}

test('a cursor of any text a person could write is a position, whichever list gave it or none', (t) => {
  for (const position of ['k41x', '2030-01-01 RSV-1', '일정#00000000000000000001', '🏨\ttab', 'a\nb']) {
    const cursor = encodeCursor(position);
    t.is(decodeCursor(cursor), position);
    t.deepEqual(parse(PageQuery, { cursor }), { cursor });
  }
});
