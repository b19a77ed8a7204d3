import test from 'ava';
import { AppError } from '../src/errors.ts';
import { createHttpApp, Router } from '../src/http.ts';
import { silentLogger } from '../src/log.ts';
import { errorOf, serve } from './support/http.ts';

function failingApp() {
  const router = new Router();
  router.get('/unavailable', () => {
    throw new AppError('service_unavailable', 'redis at 10.0.0.7:6379 refused the connection', {
      headers: { 'Retry-After': '5' },
    });
  });
  router.get('/crash', () => {
    throw new Error('password=hunter2 in the connection string');
  });
  router.get('/taken', () => {
    throw new AppError('room_unavailable', 'room R1 is taken for some of 2030-01-01 .. 2030-01-03');
  });
  router.get('/bad-field', () => {
    throw new AppError('invalid_field', 'checkOut: must be after checkIn', { field: 'checkOut' });
  });
  return createHttpApp({ callers: 'anyone', logger: silentLogger, routers: [router] });
}

test('the message of a 5xx AppError is replaced by a generic one, its code and headers kept', async (t) => {
  const api = await serve(t, failingApp());
  const reply = await api.get('/unavailable');
  t.is(reply.status, 503);
  t.is(reply.headers.get('retry-after'), '5');
  const error = errorOf(reply);
  t.is(error.code, 'service_unavailable');
  t.false(error.message.includes('10.0.0.7'));
  t.is(error.message, 'the service could not complete the request');
});

test('an unexpected throw answers 500 internal with a generic message', async (t) => {
  const api = await serve(t, failingApp());
  const reply = await api.get('/crash');
  t.is(reply.status, 500);
  const error = errorOf(reply);
  t.is(error.code, 'internal');
  t.false(error.message.includes('hunter2'));
});

test('the message of an error below 500 is shown as it is', async (t) => {
  const api = await serve(t, failingApp());
  const reply = await api.get('/taken');
  t.is(reply.status, 409);
  t.deepEqual(errorOf(reply), {
    code: 'room_unavailable',
    message: 'room R1 is taken for some of 2030-01-01 .. 2030-01-03',
  });
});

test('the field of an error is part of its body', async (t) => {
  const api = await serve(t, failingApp());
  const reply = await api.get('/bad-field');
  t.is(reply.status, 400);
  t.deepEqual(errorOf(reply), { code: 'invalid_field', message: 'checkOut: must be after checkIn', field: 'checkOut' });
});
