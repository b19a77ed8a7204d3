import test from 'ava';
import { errorOf } from '../../../packages/platform/test/support/http.ts';
import { roomApi } from './support/app.ts';

test('asking for a room nobody registered answers 404 naming it', async (t) => {
  const { api } = await roomApi(t);
  const reply = await api.get('/rooms/ROOM-404');
  t.is(reply.status, 404);
  t.deepEqual(errorOf(reply), { code: 'not_found', message: 'no room ROOM-404' });
});
