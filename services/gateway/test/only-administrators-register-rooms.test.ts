import test from 'ava';
import { errorOf } from '../../../packages/platform/test/support/http.ts';
import { admin } from './support/fakes.ts';
import { bearer, callerHeaders, gatewayApi } from './support/app.ts';

test('a customer calling POST /rooms gets 403 forbidden and nothing is forwarded', async (t) => {
  const { api, upstream } = await gatewayApi(t);
  const reply = await api.post('/rooms', { name: 'Ocean view', price: 50_000 }, bearer('alice'));
  t.is(reply.status, 403);
  t.is(errorOf(reply).code, 'forbidden');
  t.deepEqual(upstream.calls, []);
});

test("an administrator's POST /rooms is forwarded to room with the administrator's identity and answers 201", async (t) => {
  const { api, upstream } = await gatewayApi(t);
  const room = { roomId: 'ROOM-1', name: 'Ocean view', price: 50_000, booked: [] };
  upstream.answer = () => ({ ok: true, body: room });
  const reply = await api.post('/rooms', { name: 'Ocean view', price: 50_000 }, bearer('admin'));
  t.is(reply.status, 201);
  t.deepEqual(reply.body, room);
  t.deepEqual(upstream.calls, [
    {
      appId: 'room',
      method: 'POST',
      path: '/rooms',
      body: { name: 'Ocean view', price: 50_000 },
      headers: callerHeaders(admin),
    },
  ]);
});
