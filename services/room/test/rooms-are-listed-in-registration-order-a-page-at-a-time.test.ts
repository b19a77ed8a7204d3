import test from 'ava';
import { RoomList } from '@roomstay/contracts';
import { bodyAs } from '../../../packages/platform/test/support/http.ts';
import { roomApi } from './support/app.ts';

test('rooms come in the order they were registered, a page at a time, with a cursor to the next page', async (t) => {
  const { api, registered } = await roomApi(t);
  for (const name of ['Ocean', 'Garden', 'Attic']) await registered({ name, price: 10_000 });
  const first = bodyAs(RoomList, await api.get('/rooms?limit=2'));
  t.deepEqual(first.rooms, [
    { roomId: 'ROOM-1', name: 'Ocean', price: 10_000 },
    { roomId: 'ROOM-2', name: 'Garden', price: 10_000 },
  ]);
  t.truthy(first.next);
  const second = bodyAs(RoomList, await api.get(`/rooms?limit=2&cursor=${first.next ?? ''}`));
  t.deepEqual(
    second.rooms.map((r) => r.roomId),
    ['ROOM-3'],
  );
  t.false('next' in second, 'the last page has no cursor');
});

test('the order is registration order even past nine rooms, not the order of the ids as text', async (t) => {
  const { api, registered } = await roomApi(t);
  for (let n = 1; n <= 11; n++) await registered({ name: `Room ${n}`, price: 10_000 });
  const first = bodyAs(RoomList, await api.get('/rooms?limit=10'));
  const second = bodyAs(RoomList, await api.get(`/rooms?limit=10&cursor=${first.next ?? ''}`));
  t.deepEqual(
    [...first.rooms, ...second.rooms].map((r) => r.roomId),
    Array.from({ length: 11 }, (_, i) => `ROOM-${i + 1}`),
  );
});
