import test from 'ava';
import { webClientId } from '@roomstay/contracts';
import { authApp, fromSidecar, signingKey } from './support/auth-app.ts';
import { browser, pkcePair, signInWithCode } from './support/code-flow.ts';
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
  const { challenge } = pkcePair();
  const again = await after.follow(
    await after.go(
      'GET',
      `/auth/auth?${new URLSearchParams({
        client_id: webClientId,
        response_type: 'code',
        redirect_uri: `${origin}/`,
        scope: 'openid api',
        code_challenge: challenge,
        code_challenge_method: 'S256',
      }).toString()}`,
    ),
  );
  t.true(again.location?.startsWith(`${origin}/?code=`), `straight back to the site with a code: ${again.location}`);
  t.false(
    after.hops.some((hop) => hop.html?.includes('id="password"')),
    'no password asked',
  );
});
