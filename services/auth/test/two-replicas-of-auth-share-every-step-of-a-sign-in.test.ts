import test from 'ava';
import { authApp, fromSidecar, signingKey } from './support/auth-app.ts';
import { browser, claimsOf, signInWithCode } from './support/code-flow.ts';
import { inMemoryStores } from './support/stores.ts';

const origin = 'http://localhost:8080';
const issuer = `${origin}/auth`;

test('a sign-in whose every request goes to the other of two replicas of auth succeeds', async (t) => {
  const stores = inMemoryStores();
  const key = signingKey();
  const replicas = [await authApp(t, issuer, { stores, key }), await authApp(t, issuer, { stores, key })];
  const b = browser(replicas, origin, fromSidecar);
  const { accessToken } = await signInWithCode(b, origin, { username: 'bob', password: 'bob123' });
  t.is(claimsOf(accessToken)['sub'], 'bob');
  t.true(b.hops.length >= 4, 'authorize, login, consent and token each went to a replica');
});
