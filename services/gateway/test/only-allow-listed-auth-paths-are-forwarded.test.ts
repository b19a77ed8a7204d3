import test from 'ava';
import { errorOf } from '../../../packages/platform/test/support/http.ts';
import { gatewayApi } from './support/app.ts';

test('token, signing keys and discovery reach the authorization server', async (t) => {
  const { api, upstream } = await gatewayApi(t);
  t.is((await api.request('POST', '/auth/token', { raw: 'grant_type=password' })).status, 200);
  t.is((await api.get('/auth/jwks')).status, 200);
  t.is((await api.get('/auth/.well-known/openid-configuration')).status, 200);
  t.deepEqual(
    upstream.calls.map((c) => [c.appId, c.method, c.path]),
    [
      ['auth', 'POST', '/auth/token'],
      ['auth', 'GET', '/auth/jwks'],
      ['auth', 'GET', '/auth/.well-known/openid-configuration'],
    ],
  );
});

test('any other path under /auth is not found, whatever auth would serve', async (t) => {
  const { api, upstream } = await gatewayApi(t);
  for (const path of [
    '/auth',
    '/auth/',
    '/auth/me',
    '/auth/reg',
    '/auth/token/introspection',
    '/auth/jwks/x',
    '/auth/v1.0/metadata',
    '/auth/interaction',
    '/auth/interaction/abc/other',
    '/auth/interaction/abc/login/x',
    '/auth/auth/abc/def',
    '/auth/session',
    '/auth/session/end/other',
    '/auth/device',
    '/auth/backchannel',
  ]) {
    const reply = await api.get(path);
    t.is(reply.status, 404, path);
    t.is(errorOf(reply).code, 'not_found');
  }
  t.deepEqual(upstream.calls, []);
  t.deepEqual(upstream.pages.calls, []);
});

test('an allow-listed path with another method is 405 with Allow', async (t) => {
  const { api, upstream } = await gatewayApi(t);
  const get = await api.get('/auth/token');
  t.is(get.status, 405);
  t.is(get.headers.get('allow'), 'POST');
  const del = await api.request('DELETE', '/auth/jwks');
  t.is(del.status, 405);
  t.is(del.headers.get('allow'), 'GET');
  t.deepEqual(upstream.calls, []);
});
