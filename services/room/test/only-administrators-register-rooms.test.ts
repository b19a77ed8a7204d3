import test from 'ava';
import { Room, RoomList } from '@roomstay/contracts';
import { bodyAs, errorOf } from '../../../packages/platform/test/support/http.ts';
import { admin, alice, roomApi } from './support/app.ts';

test('a customer registering a room gets 403 forbidden and nothing is registered', async (t) => {
  const { register, rooms, publisher } = await roomApi(t);
  const reply = await register(alice, { name: 'Ocean view', price: 50_000 });
  t.is(reply.status, 403);
  t.is(errorOf(reply).code, 'forbidden');
  t.deepEqual(await rooms.ids(), []);
  t.deepEqual(publisher.published, []);
});

test('an administrator registering a room gets 201 and RoomRegistered is published', async (t) => {
  const { register, publisher, api } = await roomApi(t);
  const reply = await register(admin, { name: 'Ocean view', price: 50_000 });
  t.is(reply.status, 201);
  t.deepEqual(bodyAs(Room, reply), { roomId: 'ROOM-1', name: 'Ocean view', price: 50_000 });
  t.deepEqual(
    publisher.published.map((e) => ({ id: e.id, topic: e.topic, payload: e.payload })),
    [
      {
        id: 'ROOM-1.RoomRegistered',
        topic: 'RoomRegistered',
        payload: { roomId: 'ROOM-1', name: 'Ocean view', price: 50_000 },
      },
    ],
  );
  t.deepEqual(
    bodyAs(RoomList, await api.get('/rooms')).rooms.map((r) => r.roomId),
    ['ROOM-1'],
  );
  t.is(bodyAs(Room, await api.get('/rooms/ROOM-1')).name, 'Ocean view');
});

test('registering without the caller headers answers 401 unauthorized', async (t) => {
  const { api } = await roomApi(t);
  const reply = await api.post('/rooms', { name: 'Ocean view', price: 50_000 });
  t.is(reply.status, 401);
  t.is(errorOf(reply).code, 'unauthorized');
});

test('a room whose RoomRegistered could not be published is registered and published by the relay, once', async (t) => {
  const { register, publisher, relay, advance } = await roomApi(t);
  publisher.down = true;
  t.is((await register(admin, { name: 'Ocean view', price: 50_000 })).status, 201);
  await new Promise((resolve) => setImmediate(resolve));
  t.deepEqual(publisher.published, []);
  publisher.down = false;
  advance(5_000);
  await relay();
  advance(5_000);
  await relay();
  t.deepEqual(
    publisher.published.map((e) => e.id),
    ['ROOM-1.RoomRegistered'],
  );
});

test('an unknown room answers 404 not_found', async (t) => {
  const { api } = await roomApi(t);
  const reply = await api.get('/rooms/ROOM-404');
  t.is(reply.status, 404);
  t.is(errorOf(reply).code, 'not_found');
});
