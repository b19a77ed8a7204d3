import test from 'ava';
import { authApp, fromSidecar, signingKey } from './support/auth-app.ts';
import { authorizeAgain, browser, signInWithCode } from './support/code-flow.ts';
import { inMemoryStores } from './support/stores.ts';

const origin = 'http://localhost:8080';
const issuer = `${origin}/auth`;

test('a browser signed in before auth restarted is signed in after: no password asked, a code at once', async (t) => {
  const stores = inMemoryStores();
  const key = signingKey();
  const before = browser(await authApp(t, issuer, { stores, key }), origin, fromSidecar);
  await signInWithCode(before, origin, { username: 'alice', password: 'alice123' });

  // auth started again: a new provider, nothing of the first in memory, the same store.
  const after = browser(await authApp(t, issuer, { stores, key }), origin, fromSidecar, before.jar);
  const again = await authorizeAgain(after, origin);
  t.true(again.location?.startsWith(`${origin}/?code=`), `straight back to the site with a code: ${again.location}`);
  t.false(
    after.hops.some((hop) => hop.html?.includes('id="password"')),
    'no password asked',
  );
});
