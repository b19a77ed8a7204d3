// A browser's sign-in through the ingress, redirect by redirect, as the site
// does it: the authorization endpoint, auth's login and consent pages (through
// the gateway's sidecar and auth's), the code exchanged with its PKCE verifier.
import test from 'ava';
import { webClientId } from '@roomstay/contracts';
import {
  authorizeAgain,
  browser,
  claimsOf,
  pkcePair,
  signInWithCode,
} from '../../services/auth/test/support/code-flow.ts';
import { call, gatewayUrl } from '../support/api.ts';

const origin = new URL(gatewayUrl).origin;

test('alice signs in through the gateway with the code flow and PKCE, and her token reads her my page', async (t) => {
  const b = browser(gatewayUrl, origin);
  const { accessToken } = await signInWithCode(b, origin, { username: 'alice', password: 'alice123' });
  t.is(claimsOf(accessToken)['sub'], 'alice');
  t.is(claimsOf(accessToken)['client_id'], webClientId);
  t.is((await call('GET', '/mypage', { token: accessToken })).status, 200);
  const login = b.hops.find((hop) => hop.status === 200 && hop.html?.includes('id="username"'));
  t.truthy(login, 'the login page came through the gateway');
  t.regex(login?.headers.get('content-type') ?? '', /text\/html/);
  t.true(b.jar.names().includes('_session'), "auth's session cookie came through the gateway");
});

test('a second sign-in in the same browser needs no password; after sign-out it needs one again', async (t) => {
  const b = browser(gatewayUrl, origin);
  const first = await signInWithCode(b, origin, { username: 'bob', password: 'bob123' });
  const before = b.hops.length;
  const again = await authorizeAgain(b, origin);
  t.true(again.location?.startsWith(`${origin}/?code=`), 'straight back to the site with a code');
  t.false(
    b.hops.slice(before).some((hop) => hop.html?.includes('id="password"')),
    'no password asked',
  );

  // Sign-out: the end_session page, its form confirmed, back to the site.
  const question = await b.follow(
    await b.go(
      'GET',
      `/auth/session/end?${new URLSearchParams({ client_id: webClientId, id_token_hint: first.idToken, post_logout_redirect_uri: `${origin}/` }).toString()}`,
    ),
  );
  t.is(question.status, 200);
  const xsrf = /name="xsrf" value="([^"]+)"/.exec(question.html ?? '')?.[1];
  t.truthy(xsrf, 'the sign-out form');
  const out = await b.go('POST', '/auth/session/end/confirm', { xsrf: xsrf ?? '', logout: 'yes' });
  t.true(out.location?.startsWith(`${origin}/`), `back on the site: ${out.location}`);

  const afterSignOut = await authorizeAgain(b, origin);
  t.is(afterSignOut.status, 200);
  t.true(afterSignOut.html?.includes('id="password"'), 'the password is asked again');
});

test('the authorization endpoint refuses the site without PKCE, and a code is worth nothing without its verifier', async (t) => {
  const b = browser(gatewayUrl, origin);
  const noPkce = await b.follow(
    await b.go(
      'GET',
      `/auth/auth?${new URLSearchParams({ client_id: webClientId, response_type: 'code', redirect_uri: `${origin}/`, scope: 'openid api' }).toString()}`,
    ),
  );
  t.regex(noPkce.location ?? '', /[?&]error=invalid_request/, 'back to the site with an error, no code');
  t.notRegex(noPkce.location ?? '', /[?&]code=/);

  // A code stolen on its way back is refused with another verifier.
  const { challenge } = pkcePair();
  const start = await b.follow(
    await b.go(
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
  const uid = /action="\/auth\/interaction\/([A-Za-z0-9_-]+)\/login"/.exec(start.html ?? '')?.[1] ?? '';
  let back = await b.follow(
    await b.go('POST', `/auth/interaction/${uid}/login`, { username: 'carol', password: 'carol123' }),
  );
  const confirm = /action="\/auth\/interaction\/([A-Za-z0-9_-]+)\/confirm"/.exec(back.html ?? '')?.[1];
  if (confirm) back = await b.follow(await b.go('POST', `/auth/interaction/${confirm}/confirm`, {}));
  const code = new URL(back.location ?? '', origin).searchParams.get('code') ?? '';
  t.truthy(code);
  const stolen = await b.go('POST', '/auth/token', {
    grant_type: 'authorization_code',
    code,
    redirect_uri: `${origin}/`,
    client_id: webClientId,
    code_verifier: pkcePair().verifier,
  });
  t.is(stolen.status, 400);
  t.is((stolen.body as { error?: string }).error, 'invalid_grant');
});
