import test from 'ava';
import { errorOf } from '../../../packages/platform/test/support/http.ts';
import { gatewayApi } from './support/app.ts';

test('a form POST to /auth/token reaches auth as it was sent, and the answer is not cached', async (t) => {
  const { api, upstream } = await gatewayApi(t);
  upstream.answer = () => ({ ok: true, body: { access_token: 'x.y.z', token_type: 'Bearer' } });
  const form = 'grant_type=password&client_id=roomstay-cli&username=alice&password=secret';
  const reply = await api.request('POST', '/auth/token', {
    raw: form,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  });
  t.is(reply.status, 200);
  t.deepEqual(reply.body, { access_token: 'x.y.z', token_type: 'Bearer' });
  t.is(reply.headers.get('cache-control'), 'no-store');
  t.deepEqual(upstream.calls, [
    {
      appId: 'auth',
      method: 'POST',
      path: '/auth/token',
      body: form,
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    },
  ]);
});

test('an OAuth error of auth keeps its status and body', async (t) => {
  const { api, upstream } = await gatewayApi(t);
  upstream.answer = () => ({
    ok: false,
    status: 400,
    body: { error: 'invalid_grant', error_description: 'wrong password' },
  });
  const reply = await api.request('POST', '/auth/token', {
    raw: 'grant_type=password',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  });
  t.is(reply.status, 400);
  t.deepEqual(reply.body, { error: 'invalid_grant', error_description: 'wrong password' });
});

test('auth being unreachable answers 503 service_unavailable', async (t) => {
  const { api, upstream } = await gatewayApi(t);
  upstream.answer = () => ({
    ok: false,
    status: 500,
    body: { errorCode: 'ERR_DIRECT_INVOKE', message: 'fail to invoke' },
  });
  const reply = await api.get('/auth/jwks');
  t.is(reply.status, 503);
  t.is(errorOf(reply).code, 'service_unavailable');
});
