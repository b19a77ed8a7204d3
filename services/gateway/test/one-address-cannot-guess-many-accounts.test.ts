import test from 'ava';
import { gatewayApi } from './support/app.ts';
import { signIn, wrongPasswordsFail } from './support/sign-in.ts';

test('one address cannot guess many accounts', async (t) => {
  const { api, upstream } = await gatewayApi(t, { signInFailuresPerAddress: { points: 4, seconds: 3600 } });
  wrongPasswordsFail(upstream);
  for (let i = 0; i < 4; i++) await api.request('POST', '/auth/token', signIn(`user-${i}`, 'guess'));
  t.is((await api.request('POST', '/auth/token', signIn('user-99', 'right'))).status, 429);
});

test('signing in well gives the address its point back', async (t) => {
  const { api, upstream } = await gatewayApi(t, { signInFailuresPerAddress: { points: 2, seconds: 3600 } });
  wrongPasswordsFail(upstream);
  for (let i = 0; i < 5; i++)
    t.is((await api.request('POST', '/auth/token', signIn(`user-${i}`, 'right'))).status, 200);
});
