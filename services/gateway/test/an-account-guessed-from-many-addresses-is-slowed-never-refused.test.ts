import test from 'ava';
import { gatewayApi } from './support/app.ts';
import { signIn, wrongPasswordsFail } from './support/sign-in.ts';

test('an account failed from many addresses makes each further sign-in wait longer, and its owner still signs in', async (t) => {
  const waits: number[] = [];
  const { api, upstream } = await gatewayApi(
    t,
    { signInFailuresPerAccount: { points: 3, seconds: 900 } },
    { trustProxy: true, sleep: async (ms) => void waits.push(ms) },
  );
  wrongPasswordsFail(upstream);
  for (let i = 0; i < 6; i++) {
    t.is((await api.request('POST', '/auth/token', signIn('alice', 'guess', `203.0.113.${i + 1}`))).status, 400);
  }
  t.deepEqual(waits, [250, 500, 750], 'past three failures, each attempt waits longer');
  t.is((await api.request('POST', '/auth/token', signIn('alice', 'right', '198.51.100.7'))).status, 200);
  t.is(waits.at(-1), 1_000, 'the owner waited, and was let in');
});
