import test from 'ava';
import { errorOf } from '../../../packages/platform/test/support/http.ts';
import { alice, reservationApi } from './support/app.ts';

test('a placement in a room the catalogue does not know answers 404 naming the room and the field', async (t) => {
  const { place } = await reservationApi(t);
  const reply = await place(alice, { roomId: 'R-NOWHERE', checkIn: '2030-03-01', nights: 3 });
  t.is(reply.status, 404);
  t.deepEqual(errorOf(reply), { code: 'not_found', message: 'no room R-NOWHERE', field: 'roomId' });
});
