import test from 'ava';
import { errorOf } from '../../../packages/platform/test/support/http.ts';
import { bearer, gatewayApi } from './support/app.ts';

const stay = { roomId: 'R-OCEAN', checkIn: '2030-03-01', nights: 2 };

test('a price sent to POST /reservations answers 400 unknown_field price before anything is forwarded', async (t) => {
  const { api, upstream } = await gatewayApi(t);
  const reply = await api.post('/reservations', { ...stay, price: 1 }, bearer('alice'));
  t.is(reply.status, 400);
  t.like(errorOf(reply), { code: 'unknown_field', field: 'price' });
  t.deepEqual(upstream.calls, []);
});

test('a malformed date answers 400 invalid_field before anything is forwarded', async (t) => {
  const { api, upstream } = await gatewayApi(t);
  const reply = await api.post('/reservations', { ...stay, checkIn: '2030-02-30' }, bearer('alice'));
  t.like(errorOf(reply), { code: 'invalid_field', field: 'checkIn' });
  t.deepEqual(upstream.calls, []);
});

test('a body on POST /reservations/:id/payment must be empty', async (t) => {
  const { api, upstream } = await gatewayApi(t);
  const reply = await api.post('/reservations/RSV-1/payment', { amount: 1 }, bearer('alice'));
  t.is(reply.status, 400);
  t.like(errorOf(reply), { code: 'unknown_field', field: 'amount' });
  t.deepEqual(upstream.calls, []);
});

test('a room price that is not a positive integer answers 400 invalid_field price', async (t) => {
  const { api, upstream } = await gatewayApi(t);
  const reply = await api.post('/rooms', { name: 'Ocean view', price: -5 }, bearer('admin'));
  t.like(errorOf(reply), { code: 'invalid_field', field: 'price' });
  t.deepEqual(upstream.calls, []);
});

test('a valid body is forwarded as parsed', async (t) => {
  const { api, upstream } = await gatewayApi(t);
  await api.post('/reservations/RSV-1/cancel', { reason: '  plans changed  ' }, bearer('alice'));
  t.deepEqual(upstream.calls[0]?.body, { reason: 'plans changed' });
});

test('an Idempotency-Key outside its pattern, empty included, answers 400 naming it', async (t) => {
  const { api, upstream } = await gatewayApi(t);
  for (const key of ['', 'has space', 'ü', 'x'.repeat(101)]) {
    const reply = await api.raw('POST', '/reservations/RSV-1/payment', { ...bearer('alice'), 'idempotency-key': key });
    t.is(reply.status, 400, JSON.stringify(key));
    t.like(errorOf(reply), { code: 'invalid_field', field: 'idempotency-key' });
  }
  t.deepEqual(upstream.calls, []);
});
