import test from 'ava';
import { apiAudience, webClientId } from '@roomstay/contracts';
import { authApp, fromSidecar } from './support/auth-app.ts';
import { browser, claimsOf, signInWithCode } from './support/code-flow.ts';

const origin = 'http://localhost:8080';
const issuer = `${origin}/auth`;

test('a browser signs in through the login and consent pages and gets an API token for its customer', async (t) => {
  const b = browser(await authApp(t, issuer), origin, fromSidecar);
  const { accessToken } = await signInWithCode(b, origin, { username: 'alice', password: 'alice123' });
  const claims = claimsOf(accessToken);
  t.is(claims['sub'], 'alice');
  t.is(claims['role'], 'customer');
  t.is(claims['aud'], apiAudience);
  t.is(claims['iss'], issuer);
  t.is(claims['client_id'], webClientId);
  const pages = b.hops.filter((hop) => hop.html !== undefined && hop.status === 200);
  t.true(
    pages.some((hop) => hop.html?.includes('id="username"')),
    'the login page',
  );
  t.true(
    pages.some((hop) => hop.html?.includes('/confirm"')),
    'the consent page',
  );
});

test('every URL auth gives the browser is on the public origin, whatever host it was reached on', async (t) => {
  const b = browser(await authApp(t, issuer), origin, fromSidecar);
  await signInWithCode(b, origin, { username: 'alice', password: 'alice123' });
  for (const hop of b.hops.filter((h) => h.location)) {
    t.is(new URL(hop.location ?? '', 'http://elsewhere.invalid').origin, origin, `${hop.path} -> ${hop.location}`);
  }
});

test('the pages use the site stylesheet and no inline script or style', async (t) => {
  const b = browser(await authApp(t, issuer), origin, fromSidecar);
  await signInWithCode(b, origin, { username: 'alice', password: 'alice123' });
  const pages = b.hops.filter((hop) => hop.html !== undefined && hop.status === 200);
  t.true(pages.length >= 2);
  for (const { html = '', path } of pages) {
    t.true(html.includes('href="/styles.css"'), path);
    t.false(/<script|<style|\sstyle=|\son[a-z]+=/i.test(html), path);
  }
});
