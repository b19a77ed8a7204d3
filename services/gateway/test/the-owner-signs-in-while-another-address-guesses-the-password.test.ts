import test from 'ava';
import { gatewayApi } from './support/app.ts';
import { signIn, wrongPasswordsFail } from './support/sign-in.ts';

test('an address that keeps guessing an account is refused, and the account’s owner signs in from elsewhere', async (t) => {
  const { api, upstream } = await gatewayApi(
    t,
    { signInFailuresPerAccountAndAddress: { points: 3, seconds: 900 } },
    { trustProxy: true, sleep: async () => undefined },
  );
  wrongPasswordsFail(upstream);
  const attacker = '203.0.113.9';
  for (let i = 0; i < 3; i++)
    t.is((await api.request('POST', '/auth/token', signIn('alice', `guess-${i}`, attacker))).status, 400);
  const refused = await api.request('POST', '/auth/token', signIn('alice', 'right', attacker));
  t.is(refused.status, 429, 'the guessing address is refused, even with the right password');
  t.true(Number(refused.headers.get('retry-after')) > 0);
  t.is(upstream.calls.length, 3, 'the refused attempt never reached the authorization server');

  const owner = await api.request('POST', '/auth/token', signIn('alice', 'right', '198.51.100.7'));
  t.is(owner.status, 200, 'the owner, from another address, signs in');
});

test("a success clears that address's failures at the account", async (t) => {
  const { api, upstream } = await gatewayApi(t, { signInFailuresPerAccountAndAddress: { points: 2, seconds: 900 } });
  wrongPasswordsFail(upstream);
  await api.request('POST', '/auth/token', signIn('alice', 'guess'));
  t.is((await api.request('POST', '/auth/token', signIn('alice', 'right'))).status, 200);
  await api.request('POST', '/auth/token', signIn('alice', 'guess'));
  t.is((await api.request('POST', '/auth/token', signIn('alice', 'right'))).status, 200);
});
