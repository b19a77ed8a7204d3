import test from 'ava';
import { gatewayApi } from './support/app.ts';
import { signIn, wrongPasswordsFail } from './support/sign-in.ts';

test('a sign-in with a 12,000-character username uses limiter keys no longer than an ordinary one', async (t) => {
  const keys: string[] = [];
  const { api, upstream } = await gatewayApi(t, {}, { onKey: (_limiter, key) => keys.push(key) });
  wrongPasswordsFail(upstream);
  await api.request('POST', '/auth/token', signIn('alice', 'guess'));
  const ordinary = Math.max(...keys.map((k) => k.length));
  keys.length = 0;
  await api.request('POST', '/auth/token', signIn('x'.repeat(12_000), 'guess'));
  t.true(keys.length > 0);
  t.true(Math.max(...keys.map((k) => k.length)) <= ordinary, `longest key ${Math.max(...keys.map((k) => k.length))}`);
});
