import test from 'ava';
import { errorOf } from '../../../packages/platform/test/support/http.ts';
import { gatewayApi } from './support/app.ts';

const uid = 'Vq3x_9-a';

test('the authorization endpoint, the interaction pages and sign-out reach auth with the query, form and cookies as sent', async (t) => {
  const { api, upstream } = await gatewayApi(t);
  const cookie = { cookie: '_interaction=abc; _session=def' };
  const form = { 'content-type': 'application/x-www-form-urlencoded' };
  const sent = [
    await api.get('/auth/auth?client_id=roomstay-web&response_type=code', cookie),
    await api.get(`/auth/interaction/${uid}`, cookie),
    await api.request('POST', `/auth/interaction/${uid}/login`, {
      raw: 'username=alice&password=pw',
      headers: { ...cookie, ...form },
    }),
    await api.request('POST', `/auth/interaction/${uid}/confirm`, { raw: '', headers: { ...cookie, ...form } }),
    await api.request('POST', `/auth/interaction/${uid}/abort`, { raw: '', headers: { ...cookie, ...form } }),
    await api.get(`/auth/auth/${uid}`, cookie),
    await api.get('/auth/session/end?client_id=roomstay-web', cookie),
    await api.request('POST', '/auth/session/end/confirm', {
      raw: 'xsrf=1&logout=yes',
      headers: { ...cookie, ...form },
    }),
    await api.get('/auth/session/end/success'),
  ];
  t.deepEqual(
    sent.map((reply) => reply.status),
    sent.map(() => 200),
  );
  t.deepEqual(
    upstream.pages.calls.map((c) => [c.appId, c.method, c.path, c.body, c.headers['Cookie']]),
    [
      ['auth', 'GET', '/auth/auth?client_id=roomstay-web&response_type=code', undefined, cookie.cookie],
      ['auth', 'GET', `/auth/interaction/${uid}`, undefined, cookie.cookie],
      ['auth', 'POST', `/auth/interaction/${uid}/login`, 'username=alice&password=pw', cookie.cookie],
      ['auth', 'POST', `/auth/interaction/${uid}/confirm`, '', cookie.cookie],
      ['auth', 'POST', `/auth/interaction/${uid}/abort`, '', cookie.cookie],
      ['auth', 'GET', `/auth/auth/${uid}`, undefined, cookie.cookie],
      ['auth', 'GET', '/auth/session/end?client_id=roomstay-web', undefined, cookie.cookie],
      ['auth', 'POST', '/auth/session/end/confirm', 'xsrf=1&logout=yes', cookie.cookie],
      ['auth', 'GET', '/auth/session/end/success', undefined, undefined],
    ],
  );
  t.deepEqual(upstream.calls, [], 'no page goes through the JSON invocation');
});

test("auth's redirect and every cookie it sets reach the browser, and the page is not cached", async (t) => {
  const { api, upstream } = await gatewayApi(t);
  upstream.pages.answer = () => ({
    status: 303,
    headers: [
      ['location', 'http://localhost:8080/auth/interaction/abc'],
      ['set-cookie', '_interaction=1; path=/auth/interaction/abc; httponly; samesite=lax'],
      ['set-cookie', '_interaction.sig=2; path=/auth/interaction/abc; httponly; samesite=lax'],
    ],
    body: Buffer.from(''),
  });
  const reply = await api.get('/auth/auth?client_id=roomstay-web');
  t.is(reply.status, 303);
  t.is(reply.headers.get('location'), 'http://localhost:8080/auth/interaction/abc');
  t.deepEqual(reply.headers.getSetCookie(), [
    '_interaction=1; path=/auth/interaction/abc; httponly; samesite=lax',
    '_interaction.sig=2; path=/auth/interaction/abc; httponly; samesite=lax',
  ]);
  t.is(reply.headers.get('cache-control'), 'no-store');
});

test("a page auth refused in its sidecar envelope reaches the browser as the page with auth's status", async (t) => {
  const { api, upstream } = await gatewayApi(t);
  upstream.pages.answer = () => ({
    status: 200,
    headers: [['content-type', 'application/json; charset=utf-8']],
    body: Buffer.from(JSON.stringify({ refused: { status: 400, body: '<p>wrong password</p>', headers: {} } })),
  });
  const reply = await api.request('POST', `/auth/interaction/${uid}/login`, {
    raw: 'username=alice&password=nope',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  });
  t.is(reply.status, 400);
  t.regex(reply.headers.get('content-type') ?? '', /text\/html/);
  t.is(reply.body, '<p>wrong password</p>');
});

test('wrong passwords on the login page are budgeted per account and address like the password grant', async (t) => {
  const { api, upstream } = await gatewayApi(t, { signInFailuresPerAccountAndAddress: { points: 2, seconds: 900 } });
  upstream.pages.answer = () => ({ status: 400, headers: [['content-type', 'text/html']], body: Buffer.from('no') });
  const attempt = () =>
    api.request('POST', `/auth/interaction/${uid}/login`, {
      raw: 'username=Alice&password=guess',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
  t.is((await attempt()).status, 400);
  t.is((await attempt()).status, 400);
  const third = await attempt();
  t.is(third.status, 429);
  t.is(errorOf(third).code, 'rate_limited');
  t.truthy(third.headers.get('retry-after'));
  t.is(upstream.pages.calls.length, 2, 'the blocked attempt reached no password check');
});

test('a page path with another method is 405 with Allow, a form that is not a form is 415, and nothing is forwarded', async (t) => {
  const { api, upstream } = await gatewayApi(t);
  const get = await api.get(`/auth/interaction/${uid}/login`);
  t.is(get.status, 405);
  t.is(get.headers.get('allow'), 'POST');
  const post = await api.request('POST', '/auth/auth', { raw: '' });
  t.is(post.status, 405);
  t.is(post.headers.get('allow'), 'GET');
  const json = await api.request('POST', `/auth/interaction/${uid}/login`, { body: { username: 'alice' } });
  t.is(json.status, 415);
  t.deepEqual(upstream.pages.calls, []);
});

test('auth failing behind its sidecar is 503 with Retry-After', async (t) => {
  const { api, upstream } = await gatewayApi(t);
  upstream.pages.answer = () => ({
    status: 500,
    headers: [['content-type', 'application/json']],
    body: Buffer.from('{"errorCode":"ERR_DIRECT_INVOKE"}'),
  });
  const reply = await api.get(`/auth/interaction/${uid}`);
  t.is(reply.status, 503);
  t.is(errorOf(reply).code, 'service_unavailable');
  t.is(reply.headers.get('retry-after'), '5');
});
