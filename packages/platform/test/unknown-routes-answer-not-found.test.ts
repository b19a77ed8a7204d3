import test from 'ava';
import { createHttpApp, Router } from '../src/http.ts';
import { silentLogger } from '../src/log.ts';
import { errorOf, serve } from './support/http.ts';

function app() {
  const router = new Router();
  router.get('/things/:id', (ctx) => {
    ctx.body = { id: ctx.params['id'] };
  });
  return createHttpApp({ callers: 'anyone', logger: silentLogger, routers: [router] });
}

test('a path no route serves answers 404 not_found as JSON', async (t) => {
  const api = await serve(t, app());
  const reply = await api.get('/nothing/here');
  t.is(reply.status, 404);
  t.regex(reply.headers.get('content-type') ?? '', /application\/json/);
  t.is(errorOf(reply).code, 'not_found');
});

test('a known path with a method it does not serve answers 405 method_not_allowed', async (t) => {
  const api = await serve(t, app());
  const reply = await api.request('DELETE', '/things/1');
  t.is(reply.status, 405);
  t.is(errorOf(reply).code, 'method_not_allowed');
  t.is(reply.headers.get('allow'), 'HEAD, GET', 'the answer says which methods are allowed');
});

test('liveness and readiness probes answer without any route of the service', async (t) => {
  const api = await serve(
    t,
    createHttpApp({ callers: 'anyone', logger: silentLogger, routers: [], ready: () => false }),
  );
  t.is((await api.get('/health')).status, 200);
  const ready = await api.get('/ready');
  t.is(ready.status, 503);
  t.deepEqual(ready.body, { status: 'not-ready' });
});

test('a method no route knows answers 405 method_not_allowed, not a server error', async (t) => {
  const api = await serve(t, app());
  const reply = await api.request('PURGE', '/things/1');
  t.is(reply.status, 405);
  t.is(errorOf(reply).code, 'method_not_allowed');
});
