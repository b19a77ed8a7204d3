// auth keeps its sessions, grants and codes in its state store (Redis, through
// its sidecar), not in its memory: a browser signed in before every replica of
// auth that saw the sign-in is gone is still signed in, its token keeps
// working, and with two replicas a whole sign-in succeeds whichever replica
// each step reaches. In the chaos suite because it stops auth, which every
// other suite signs in through.
import test from 'ava';
import { GRANT_RECHECK_MS } from '../../services/gateway/src/adapters/tokens.ts';
import { authorizeAgain, browser, signInWithCode, type Browser } from '../../services/auth/test/support/code-flow.ts';
import { call, gatewayUrl } from '../support/api.ts';
import { stack } from '../support/stack.ts';
import { figure, reportFailures } from './support/report.ts';

const origin = new URL(gatewayUrl).origin;
const title = 'auth restarted and run as two replicas';
reportFailures(16, title);

/** After a change of auth's replicas: until the ingress reaches one again (name resolution catches up). */
async function authAnswers(): Promise<void> {
  for (;;) {
    const answer = await fetch(`${gatewayUrl}/auth/.well-known/openid-configuration`).catch(() => undefined);
    if (answer?.ok) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** Back to the site with a code (still signed in), or the login page. */
async function signedIn(b: Browser): Promise<'code' | 'password asked'> {
  const hop = await authorizeAgain(b, origin);
  if (hop.location?.startsWith(`${origin}/?code=`)) return 'code';
  if (hop.html?.includes('id="password"')) return 'password asked';
  throw new Error(`neither a code nor the login page: ${hop.status} ${hop.location ?? ''}`);
}

test('a sign-in outlives every replica of auth it began on, its token keeps working, and two replicas share every step', async (t) => {
  const b = browser(gatewayUrl, origin);
  const { accessToken } = await signInWithCode(b, origin, { username: 'bob', password: 'bob123' });

  // A second replica, then the first one gone: only a process that never saw this sign-in is left.
  await stack.startInstance('auth', 1);
  await stack.stopInstance('auth', 0);
  await authAnswers();
  t.is(await signedIn(b), 'code', 'still signed in on a replica that started after the sign-in');
  await new Promise((resolve) => setTimeout(resolve, GRANT_RECHECK_MS + 500));
  t.is((await call('GET', '/mypage?limit=1', { token: accessToken })).status, 200, 'its grant is found standing');

  // Both replicas: each step of each sign-in goes to whichever the sidecars choose.
  await stack.startInstance('auth', 0);
  await authAnswers();
  let signIns = 0;
  for (; signIns < 6; signIns++) {
    const other = browser(gatewayUrl, origin);
    const { accessToken: token } = await signInWithCode(other, origin, { username: 'bob', password: 'bob123' });
    t.is((await call('GET', '/mypage?limit=1', { token })).status, 200, `sign-in ${signIns + 1}`);
  }

  await stack.stopInstance('auth', 1);
  await authAnswers();
  t.is(await signedIn(b), 'code', 'and still signed in once the second replica went');
  await figure(
    t,
    16,
    title,
    `a browser signed in on auth stayed signed in after that process stopped (a replica started after the sign-in answered with a code, no password), its token still worked ${GRANT_RECHECK_MS / 1000} s later; ${signIns} sign-ins with two replicas all succeeded`,
    { signInsWithTwoReplicas: signIns },
  );
});
