import test from 'ava';
import { errorOf } from '../../../packages/platform/test/support/http.ts';
import { bearer, gatewayApi } from './support/app.ts';

test('a client past its budget gets 429 rate_limited with Retry-After, and nothing is forwarded', async (t) => {
  const { api, upstream } = await gatewayApi(t, { perClient: { points: 3, seconds: 60 } });
  for (let i = 0; i < 3; i++) t.is((await api.get('/mypage', bearer('alice'))).status, 200);
  const refused = await api.get('/mypage', bearer('alice'));
  t.is(refused.status, 429);
  t.is(errorOf(refused).code, 'rate_limited');
  t.regex(refused.headers.get('retry-after') ?? '', /^\d+$/);
  t.true(Number(refused.headers.get('retry-after')) > 0);
  t.is(upstream.calls.length, 3);
});

test("one customer's exhausted budget does not touch another's", async (t) => {
  const { api } = await gatewayApi(t, { perClient: { points: 2, seconds: 60 } });
  await api.get('/mypage', bearer('alice'));
  await api.get('/mypage', bearer('alice'));
  t.is((await api.get('/mypage', bearer('alice'))).status, 429);
  t.is((await api.get('/mypage', bearer('admin'))).status, 200);
});

test('anonymous requests, invalid ones included, count against the address', async (t) => {
  const { api } = await gatewayApi(t, { perClient: { points: 2, seconds: 60 } });
  await api.get('/no/such/route');
  await api.post('/reservations', { roomId: 1 });
  t.is((await api.get('/rooms')).status, 429);
});
