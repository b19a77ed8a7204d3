import test from 'ava';
import { webClientId } from '@roomstay/contracts';
import { authApp, fromSidecar, signingKey } from './support/auth-app.ts';
import { browser, claimsOf, signInWithCode, type Browser } from './support/code-flow.ts';
import { inMemoryStores } from './support/stores.ts';

const origin = 'http://localhost:8080';
const issuer = `${origin}/auth`;

async function grantStands(base: string, grantId: string, caller = 'gateway'): Promise<unknown> {
  const response = await fetch(`${base}/grants/${encodeURIComponent(grantId)}`, {
    headers: { ...fromSidecar, 'dapr-caller-app-id': caller },
  });
  return response.json();
}

async function signOut(b: Browser, idToken: string): Promise<void> {
  const question = await b.follow(
    await b.go(
      'GET',
      `/auth/session/end?${new URLSearchParams({ client_id: webClientId, id_token_hint: idToken, post_logout_redirect_uri: `${origin}/` }).toString()}`,
    ),
  );
  const xsrf = /name="xsrf" value="([^"]+)"/.exec(question.html ?? '')?.[1];
  if (!xsrf) throw new Error(`no sign-out form: ${question.status}`);
  await b.go('POST', '/auth/session/end/confirm', { xsrf, logout: 'yes' });
}

test('a token names its grant, which stands until its holder signs out and is gone after, whichever replica is asked', async (t) => {
  const stores = inMemoryStores();
  const key = signingKey();
  const [one, other] = [await authApp(t, issuer, { stores, key }), await authApp(t, issuer, { stores, key })];
  const b = browser(one, origin, fromSidecar);
  const { accessToken, idToken } = await signInWithCode(b, origin, { username: 'alice', password: 'alice123' });
  const grantId = claimsOf(accessToken)['grant_id'];
  if (typeof grantId !== 'string') return t.fail('the token names no grant');

  t.deepEqual(await grantStands(other, grantId), { live: true });
  await signOut(b, idToken);
  t.deepEqual(await grantStands(one, grantId), { live: false });
  t.deepEqual(await grantStands(other, grantId), { live: false });
});

test('only the gateway may ask whether a grant stands', async (t) => {
  const base = await authApp(t, issuer, { stores: inMemoryStores() });
  const answer = (await grantStands(base, 'any-grant', 'reservation')) as { refused?: { status?: number } };
  t.is(answer.refused?.status, 403);
});
