import test from 'ava';
import { gatewayApi } from './support/app.ts';

const signIn = (username: string, password: string) => ({
  raw: new URLSearchParams({ grant_type: 'password', client_id: 'roomstay-cli', username, password }).toString(),
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
});

function wrongPasswordsFail(upstream: Awaited<ReturnType<typeof gatewayApi>>['upstream']): void {
  upstream.answer = (call) =>
    String(call.body).includes('password=right')
      ? { ok: true, body: { access_token: 'a.b.c' } }
      : { ok: false, status: 400, body: { error: 'invalid_grant' } };
}

test("an account's failed sign-ins are budgeted: past it, attempts are refused with 429 before any password is checked", async (t) => {
  const { api, upstream } = await gatewayApi(t, { signInFailuresPerAccount: { points: 3, seconds: 900 } });
  wrongPasswordsFail(upstream);
  for (let i = 0; i < 3; i++)
    t.is((await api.request('POST', '/auth/token', signIn('alice', `guess-${i}`))).status, 400);
  const blocked = await api.request('POST', '/auth/token', signIn('alice', 'right'));
  t.is(blocked.status, 429);
  t.true(Number(blocked.headers.get('retry-after')) > 0);
  t.is(upstream.calls.length, 3, 'the blocked attempts never reached the authorization server');
  t.is((await api.request('POST', '/auth/token', signIn('bob', 'right'))).status, 200, 'other accounts sign in');
});

test('one address cannot guess many accounts', async (t) => {
  const { api, upstream } = await gatewayApi(t, { signInFailuresPerAddress: { points: 4, seconds: 3600 } });
  wrongPasswordsFail(upstream);
  for (let i = 0; i < 4; i++) await api.request('POST', '/auth/token', signIn(`user-${i}`, 'guess'));
  t.is((await api.request('POST', '/auth/token', signIn('user-99', 'right'))).status, 429);
});

test("a success clears the account's failures", async (t) => {
  const { api, upstream } = await gatewayApi(t, { signInFailuresPerAccount: { points: 2, seconds: 900 } });
  wrongPasswordsFail(upstream);
  await api.request('POST', '/auth/token', signIn('alice', 'guess'));
  t.is((await api.request('POST', '/auth/token', signIn('alice', 'right'))).status, 200);
  await api.request('POST', '/auth/token', signIn('alice', 'guess'));
  t.is((await api.request('POST', '/auth/token', signIn('alice', 'right'))).status, 200);
});
