import test from 'ava';
import { createHttpApp, Router } from '../src/http.ts';
import { silentLogger } from '../src/log.ts';
import { errorOf, serve } from './support/http.ts';

function app() {
  const router = new Router();
  router.post('/promotions', (ctx) => {
    ctx.body = { granted: true };
  });
  return createHttpApp({ callers: { sidecarToken: 'the-app-token' }, logger: silentLogger, routers: [router] });
}

test('a caller without the app token is refused with 401 and the route never runs', async (t) => {
  const api = await serve(t, app(), {});
  const attempts: Record<string, string>[] = [
    {},
    { 'dapr-api-token': '' },
    { 'dapr-api-token': 'the-app-toke' },
    { 'dapr-api-token': 'another' },
  ];
  for (const headers of attempts) {
    const reply = await api.request('POST', '/promotions', { body: {}, headers });
    t.is(reply.status, 401, JSON.stringify(headers));
    t.is(errorOf(reply).code, 'unauthorized');
  }
});

test('an unknown path is refused the same way, so nothing about the routes is told', async (t) => {
  const api = await serve(t, app(), {});
  t.is((await api.get('/no/such/route')).status, 401);
});

test('the sidecar, presenting the app token, is served', async (t) => {
  const api = await serve(t, app(), { 'dapr-api-token': 'the-app-token' });
  const reply = await api.post('/promotions', {});
  t.is(reply.status, 200);
  t.deepEqual(reply.body, { granted: true });
});

test('the probes answer anyone: the kubelet has no token', async (t) => {
  const api = await serve(t, app(), {});
  t.is((await api.get('/health')).status, 200);
  t.is((await api.get('/ready')).status, 200);
});
