import { errorOf } from '../../../packages/platform/test/support/http.ts';
import test from 'ava';
import { alice } from './support/fakes.ts';
import { bearer, callerHeaders, gatewayApi } from './support/app.ts';

test("identity headers a client sends are ignored: the app is told the token's caller", async (t) => {
  const { api, upstream } = await gatewayApi(t);
  await api.request('POST', '/reservations', {
    body: { roomId: 'R-OCEAN', checkIn: '2030-03-01', nights: 2 },
    headers: { ...bearer('alice'), 'x-caller-id': 'bob', 'x-caller-role': 'admin' },
  });
  t.deepEqual(upstream.calls[0]?.headers, callerHeaders(alice));
});

test("GET /mypage reads the page of the token's customer", async (t) => {
  const { api, upstream } = await gatewayApi(t);
  await api.get('/mypage', bearer('alice'));
  await api.get('/notices', bearer('alice'));
  t.deepEqual(
    upstream.calls.map((c) => [c.appId, c.path]),
    [
      ['roominfo', '/mypage/alice'],
      ['notice', '/notices/alice'],
    ],
  );
});

test('the Idempotency-Key of a payment is passed on to reservation', async (t) => {
  const { api, upstream } = await gatewayApi(t);
  await api.post('/reservations/RSV-1/payment', undefined, { ...bearer('alice'), 'idempotency-key': 'k-1' });
  t.like(upstream.calls[0], {
    appId: 'reservation',
    method: 'POST',
    path: '/reservations/RSV-1/payment',
    headers: { 'idempotency-key': 'k-1' },
  });
});

test('a reservation id is forwarded as it is', async (t) => {
  const { api, upstream } = await gatewayApi(t);
  await api.get('/reservations/RSV-0a1b_2c', bearer('alice'));
  t.is(upstream.calls[0]?.path, '/reservations/RSV-0a1b_2c');
});

test('an id outside the id alphabet is refused with 400 naming it, and nothing is forwarded', async (t) => {
  const { api, upstream } = await gatewayApi(t);
  for (const id of ["a:b@c!$'()*+,=", 'a%20b', 'x'.repeat(101)]) {
    const reply = await api.get(`/reservations/${id}`, bearer('alice'));
    t.is(reply.status, 400, id);
    t.like(errorOf(reply), { code: 'invalid_field', field: 'id' });
  }
  t.deepEqual(upstream.calls, []);
});
