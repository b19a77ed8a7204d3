// Sign-out ends a token's use at the ingress: the site's sign-out (RP-initiated
// logout) revokes the grant the token names, and the gateway, which asks auth
// about a token's grant at most every GRANT_RECHECK_MS, refuses it from then on.
// Another sign-in of the same customer keeps working.
import test from 'ava';
import { webClientId } from '@roomstay/contracts';
import { GRANT_RECHECK_MS } from '../../services/gateway/src/adapters/tokens.ts';
import { browser, signInWithCode } from '../../services/auth/test/support/code-flow.ts';
import { call, gatewayUrl, users } from '../support/api.ts';

const origin = new URL(gatewayUrl).origin;

test('a token is refused at the ingress once its holder signs out, and only that sign-in’s tokens', async (t) => {
  const b = browser(gatewayUrl, origin);
  const { accessToken, idToken } = await signInWithCode(b, origin, { username: 'alice', password: 'alice123' });
  const elsewhere = await users.alice();
  t.is((await call('GET', '/mypage?limit=1', { token: accessToken })).status, 200);

  const question = await b.follow(
    await b.go(
      'GET',
      `/auth/session/end?${new URLSearchParams({ client_id: webClientId, id_token_hint: idToken, post_logout_redirect_uri: `${origin}/` }).toString()}`,
    ),
  );
  const xsrf = /name="xsrf" value="([^"]+)"/.exec(question.html ?? '')?.[1];
  await b.go('POST', '/auth/session/end/confirm', { xsrf: xsrf ?? '', logout: 'yes' });

  // The gateway believes a standing grant for GRANT_RECHECK_MS; past that it has asked auth again.
  await new Promise((resolve) => setTimeout(resolve, GRANT_RECHECK_MS + 500));
  const after = await call<{ error?: { code?: string; message?: string } }>('GET', '/mypage?limit=1', {
    token: accessToken,
  });
  t.is(after.status, 401, 'the signed-out token is refused');
  t.regex(after.body.error?.message ?? '', /revoked/);
  t.is((await call('GET', '/mypage?limit=1', { token: elsewhere })).status, 200, "another sign-in's token still works");
});
