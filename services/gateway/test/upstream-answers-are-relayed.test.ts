import test from 'ava';
import { AppError } from '@roomstay/platform';
import { errorOf } from '../../../packages/platform/test/support/http.ts';
import { bearer, gatewayApi } from './support/app.ts';

const stay = { roomId: 'R-OCEAN', checkIn: '2030-03-01', nights: 2 };

test("an app's own error body and status are passed through as they are", async (t) => {
  const { api, upstream } = await gatewayApi(t);
  const body = {
    error: { code: 'room_unavailable', message: 'room R-OCEAN is taken for some of 2030-03-01 .. 2030-03-03' },
  };
  upstream.answer = () => ({ ok: false, status: 409, body });
  const reply = await api.post('/reservations', stay, bearer('alice'));
  t.is(reply.status, 409);
  t.deepEqual(reply.body, body);
});

test("an app's own 503 is passed through with Retry-After", async (t) => {
  const { api, upstream } = await gatewayApi(t);
  const body = { error: { code: 'service_unavailable', message: 'the service could not complete the request' } };
  upstream.answer = () => ({ ok: false, status: 503, body });
  const reply = await api.post('/reservations/RSV-1/payment', undefined, bearer('alice'));
  t.is(reply.status, 503);
  t.deepEqual(reply.body, body);
  t.truthy(reply.headers.get('retry-after'));
});

test('a failure of the path to the app (not our error body) answers 503 service_unavailable with Retry-After', async (t) => {
  const { api, upstream } = await gatewayApi(t);
  upstream.answer = () => ({
    ok: false,
    status: 500,
    body: { errorCode: 'ERR_DIRECT_INVOKE', message: 'fail to invoke, id: reservation' },
  });
  const reply = await api.post('/reservations', stay, bearer('alice'));
  t.is(reply.status, 503);
  const error = errorOf(reply);
  t.is(error.code, 'service_unavailable');
  t.false(error.message.includes('ERR_DIRECT_INVOKE'));
  t.truthy(reply.headers.get('retry-after'));
});

test('an unreachable sidecar answers 503 service_unavailable', async (t) => {
  const { api, upstream } = await gatewayApi(t);
  upstream.answer = () => {
    throw new AppError('service_unavailable', 'reservation could not be reached');
  };
  const reply = await api.get('/reservations/RSV-1', bearer('alice'));
  t.is(reply.status, 503);
  t.is(errorOf(reply).code, 'service_unavailable');
});

test("a successful answer is passed on with the route's status", async (t) => {
  const { api, upstream } = await gatewayApi(t);
  const reservation = {
    reservationId: 'RSV-1',
    customerId: 'alice',
    ...stay,
    nights: 2,
    price: 100_000,
    status: 'reserved',
  };
  upstream.answer = () => ({ ok: true, body: reservation });
  const reply = await api.post('/reservations', stay, bearer('alice'));
  t.is(reply.status, 201);
  t.deepEqual(reply.body, reservation);
});
