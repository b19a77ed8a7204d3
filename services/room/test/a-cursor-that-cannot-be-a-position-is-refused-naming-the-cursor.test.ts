import test from 'ava';
import { errorOf } from '../../../packages/platform/test/support/http.ts';
import { roomApi } from './support/app.ts';
import { cursorsThatAreNoPosition } from '../../../packages/platform/test/support/cursors.ts';

test('a cursor of the room list that names no position answers 400 naming the cursor', async (t) => {
  const { api } = await roomApi(t);
  for (const [what, cursor] of Object.entries(cursorsThatAreNoPosition)) {
    const reply = await api.get(`/rooms?cursor=${cursor}`);
    t.is(reply.status, 400, what);
    t.like(errorOf(reply), { code: 'invalid_field', field: 'cursor' }, what);
  }
});
