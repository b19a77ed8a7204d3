// Notice keeps its notices in PostgreSQL, which refuses a NUL in text: a cursor
// that decodes to one (or to no text at all) is refused before the store is asked.
import test from 'ava';
import { asCustomer, errorOf } from '../../../packages/platform/test/support/http.ts';
import { cursorsThatAreNoPosition } from '../../../packages/platform/test/support/cursors.ts';
import { noticeApi } from './support/app.ts';

test('a cursor that names no position answers 400 naming the cursor', async (t) => {
  const { api } = await noticeApi(t);
  for (const [what, cursor] of Object.entries(cursorsThatAreNoPosition)) {
    const reply = await api.get(`/notices/alice?cursor=${cursor}`, asCustomer('alice'));
    t.is(reply.status, 400, what);
    t.like(errorOf(reply), { code: 'invalid_field', field: 'cursor' }, what);
  }
});
