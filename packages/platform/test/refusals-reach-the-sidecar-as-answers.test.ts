import test, { type ExecutionContext } from 'ava';
import type { AddressInfo } from 'node:net';
import { InternalRefusal } from '@roomstay/contracts';
import { AppError } from '../src/errors.ts';
import { createHttpApp, Router } from '../src/http.ts';
import { silentLogger } from '../src/log.ts';
import { rawRequest, testAppToken } from './support/http.ts';

function app() {
  const router = new Router();
  router.post('/taken', () => {
    throw new AppError('room_unavailable', 'taken');
  });
  router.get('/broken', () => {
    throw new Error('boom');
  });
  router.get('/slow-down', () => {
    throw new AppError('rate_limited', 'slow down', { headers: { 'Retry-After': '3' } });
  });
  router.post('/hold', () => {
    throw new AppError('hold_limit_reached', 'pay one first', { headers: { 'Retry-After': '60' } });
  });
  router.get('/fine', (ctx) => {
    ctx.body = { fine: true };
  });
  return createHttpApp({ callers: { sidecarToken: testAppToken }, logger: silentLogger, routers: [router] });
}

async function listen(t: ExecutionContext): Promise<number> {
  const server = app().listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  t.teardown(() => void server.close());
  return (server.address() as AddressInfo).port;
}

const sidecar = { 'dapr-api-token': testAppToken, 'dapr-caller-app-id': 'reservation' };

test('a business refusal reaches the sidecar as 200 with the refusal inside, so no breaker counts it', async (t) => {
  const port = await listen(t);
  const taken = await rawRequest(port, 'POST', '/taken', sidecar);
  t.is(taken.status, 200);
  t.deepEqual(InternalRefusal.parse(taken.body).refused, {
    status: 409,
    body: { error: { code: 'room_unavailable', message: 'taken' } },
    headers: {},
  });
  const wrongMethod = await rawRequest(port, 'DELETE', '/fine', sidecar);
  t.is(wrongMethod.status, 200);
  const refused = InternalRefusal.parse(wrongMethod.body).refused;
  t.is(refused.status, 405);
  t.truthy(refused.headers['allow'], 'Allow travels with the refusal');
});

test('server errors and back-off answers stay what they are, for breakers and retries to see', async (t) => {
  const port = await listen(t);
  t.is((await rawRequest(port, 'GET', '/broken', sidecar)).status, 500);
  const slow = await rawRequest(port, 'GET', '/slow-down', sidecar);
  t.is(slow.status, 429);
  t.is(slow.headers.get('retry-after'), '3');
  t.is((await rawRequest(port, 'GET', '/fine', sidecar)).status, 200);
});

test('a caller that is not the sidecar gets its refusal as it is', async (t) => {
  const port = await listen(t);
  t.is((await rawRequest(port, 'POST', '/taken')).status, 401);
});

test("the sidecar's own calls (configuration, subscriptions) keep HTTP's meaning", async (t) => {
  const port = await listen(t);
  t.is((await rawRequest(port, 'GET', '/dapr/subscribe', { 'dapr-api-token': testAppToken })).status, 404);
});

test('a business limit (429 hold_limit_reached) is a refusal like any other, its Retry-After kept', async (t) => {
  const port = await listen(t);
  const held = await rawRequest(port, 'POST', '/hold', sidecar);
  t.is(held.status, 200);
  const refused = InternalRefusal.parse(held.body).refused;
  t.is(refused.status, 429);
  t.is(refused.headers['retry-after'], '60');
});
