// Defence behind the edge's refusal: the PostgreSQL adapter asks nothing of its
// database for a cursor that names no position, so such input is never a 5xx.
import test from 'ava';
import { AppError } from '@roomstay/platform';
import { cursorsThatAreNoPosition } from '../../../packages/platform/test/support/cursors.ts';
import { postgresNoticeRepository, type Queries } from '../src/adapters/postgres-repository.ts';

test('a cursor that names no position is refused with 400 naming the cursor, and no query is sent', async (t) => {
  const sent: string[] = [];
  const pool = {
    query: async (text: string) => {
      sent.push(text);
      return { rows: [] };
    },
  } as Queries;
  const notices = postgresNoticeRepository(pool);
  for (const [what, cursor] of Object.entries(cursorsThatAreNoPosition)) {
    const error = await t.throwsAsync(notices.page('alice', { cursor }), { instanceOf: AppError }, what);
    t.like(error, { status: 400, field: 'cursor' }, what);
  }
  t.deepEqual(sent, []);
});
