import test from 'ava';
import { errorOf } from '../../../packages/platform/test/support/http.ts';
import { unsafePath } from '../src/adapters/paths.ts';
import { bearer, gatewayApi } from './support/app.ts';

// Every way a path could be read as another one further in, on a public route
// and on the authorization server's prefix.
const traversals = [
  '/auth/../promotion/method/promotions',
  '/auth/%2e%2e/%2e%2e/%2e%2e/promotion/method/promotions',
  '/auth/%2E%2E/promotion',
  '/auth/.%2e/promotion',
  '/auth/%2e./promotion',
  '/auth/%252e%252e/promotion',
  '/auth/%c0%ae%c0%ae/promotion',
  '/auth/%e0%80%ae%e0%80%ae/promotion',
  '/auth/%u002e%u002e/promotion',
  '/auth/..%2fpromotion',
  '/auth/..%2Fpromotion',
  '/auth/..%5cpromotion',
  '/auth/..\\promotion',
  '/auth/..;/promotion',
  '/auth/./token',
  '/auth//token',
  '/reservations/..',
  '/reservations/%2e%2e',
  '/reservations/x%2F..%2F..%2Fpayments',
  '/reservations/%00',
  '/reservations/%ef%bc%8e%ef%bc%8e',
  '/rooms/%2e',
  '/mypage/..',
];

for (const path of traversals) {
  test(`${path} is refused with 400 invalid_path before anything is forwarded`, async (t) => {
    const { api, upstream } = await gatewayApi(t);
    for (const method of ['GET', 'POST']) {
      const reply = await api.raw(method, path, bearer('alice'));
      t.is(reply.status, 400, `${method} ${path}`);
      t.is(errorOf(reply).code, 'invalid_path');
    }
    t.deepEqual(upstream.calls, []);
  });
}

test('ordinary paths, with escapes of ordinary characters, are safe', (t) => {
  for (const path of [
    '/rooms',
    '/reservations/RSV-1/payment',
    '/auth/.well-known/openid-configuration',
    '/a%20b',
    '/x/',
  ]) {
    t.is(unsafePath(path), undefined, path);
  }
});
