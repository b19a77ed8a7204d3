import test from 'ava';
import { errorOf } from '../../../packages/platform/test/support/http.ts';
import { bearer, gatewayApi } from './support/app.ts';

test('a customer route without a token answers 401 unauthorized and forwards nothing', async (t) => {
  const { api, upstream } = await gatewayApi(t);
  for (const [method, path] of [
    ['GET', '/mypage'],
    ['GET', '/notices'],
    ['GET', '/reservations/RSV-1'],
    ['POST', '/reservations'],
  ] as const) {
    const reply = await api.request(method, path, method === 'POST' ? { body: {} } : {});
    t.is(reply.status, 401, `${method} ${path}`);
    t.is(errorOf(reply).code, 'unauthorized');
  }
  t.deepEqual(upstream.calls, []);
});

test('a token the verifier does not accept answers 401 unauthorized', async (t) => {
  const { api, upstream } = await gatewayApi(t);
  const reply = await api.get('/mypage', bearer('forged'));
  t.is(reply.status, 401);
  t.is(errorOf(reply).code, 'unauthorized');
  t.deepEqual(upstream.calls, []);
});

test('a public route needs no token', async (t) => {
  const { api, upstream } = await gatewayApi(t);
  upstream.answer = () => ({ ok: true, body: { rooms: [] } });
  const reply = await api.get('/rooms');
  t.is(reply.status, 200);
  t.deepEqual(reply.body, { rooms: [] });
  t.deepEqual(
    upstream.calls.map((c) => [c.appId, c.method, c.path]),
    [['room', 'GET', '/rooms']],
  );
});
