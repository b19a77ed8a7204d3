// auth keeps its sessions and grants in its state store (Redis, through its
// sidecar): a browser signed in before auth restarted is still signed in, a
// token issued before it still works, and with two replicas of auth either one
// continues what the other began.
import test from 'ava';
import { webClientId } from '@roomstay/contracts';
import { GRANT_RECHECK_MS } from '../../services/gateway/src/adapters/tokens.ts';
import { browser, pkcePair, signInWithCode, type Browser } from '../../services/auth/test/support/code-flow.ts';
import { call, gatewayUrl } from '../support/api.ts';
import { stack } from '../support/stack.ts';

const origin = new URL(gatewayUrl).origin;

/** The authorization endpoint again: back to the site with a code, or the login page. */
async function authorizeAgain(b: Browser): Promise<'code' | 'password asked'> {
  const { challenge } = pkcePair();
  const hop = await b.follow(
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
  if (hop.location?.startsWith(`${origin}/?code=`)) return 'code';
  if (hop.html?.includes('id="password"')) return 'password asked';
  throw new Error(`neither a code nor the login page: ${hop.status} ${hop.location ?? ''}`);
}

test.serial('a sign-in outlives every replica of auth it began on, and its token keeps working', async (t) => {
  const b = browser(gatewayUrl, origin);
  const { accessToken } = await signInWithCode(b, origin, { username: 'bob', password: 'bob123' });

  // A second replica, then the first one gone: only a process that never saw this sign-in is left.
  await stack.startInstance('auth', 1);
  await stack.stopInstance('auth', 0);
  try {
    t.is(await authorizeAgain(b), 'code', 'still signed in on the replica that started after the sign-in');
    await new Promise((resolve) => setTimeout(resolve, GRANT_RECHECK_MS + 500));
    t.is((await call('GET', '/mypage?limit=1', { token: accessToken })).status, 200, 'its grant is found standing');
  } finally {
    await stack.startInstance('auth', 0);
    await stack.stopInstance('auth', 1);
  }
  t.is(await authorizeAgain(b), 'code', 'and again after the first replica came back and the second went');
});

test.serial('with two replicas of auth, a whole sign-in succeeds whichever replica each step reaches', async (t) => {
  await stack.startInstance('auth', 1);
  try {
    for (let i = 0; i < 4; i++) {
      const b = browser(gatewayUrl, origin);
      const { accessToken } = await signInWithCode(b, origin, { username: 'bob', password: 'bob123' });
      t.is((await call('GET', '/mypage?limit=1', { token: accessToken })).status, 200, `sign-in ${i + 1}`);
    }
  } finally {
    await stack.stopInstance('auth', 1);
  }
});
