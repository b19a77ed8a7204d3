import test from 'ava';
import { asCustomer, errorOf } from '../../../packages/platform/test/support/http.ts';
import { cursorsThatAreNoPosition } from '../../../packages/platform/test/support/cursors.ts';
import { roominfoApi } from './support/app.ts';

test('a cursor of my page that names no position answers 400 naming the cursor', async (t) => {
  const { api } = await roominfoApi(t);
  for (const [what, cursor] of Object.entries(cursorsThatAreNoPosition)) {
    const reply = await api.get(`/mypage/alice?cursor=${cursor}`, asCustomer('alice'));
    t.is(reply.status, 400, what);
    t.like(errorOf(reply), { code: 'invalid_field', field: 'cursor' }, what);
  }
});
