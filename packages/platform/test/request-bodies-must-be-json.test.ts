import test from 'ava';
import { createHttpApp, requestBody, Router } from '../src/http.ts';
import { silentLogger } from '../src/log.ts';
import { errorOf, serve } from './support/http.ts';

function echoApp(bodyLimit?: string) {
  const router = new Router();
  router.post('/echo', (ctx) => {
    ctx.body = { received: requestBody(ctx) ?? null };
  });
  router.get('/echo', (ctx) => {
    ctx.body = { received: null };
  });
  return createHttpApp({
    callers: 'anyone',
    logger: silentLogger,
    routers: [router],
    ...(bodyLimit ? { bodyLimit } : {}),
  });
}

test('a JSON body reaches the route parsed', async (t) => {
  const api = await serve(t, echoApp());
  const reply = await api.post('/echo', { a: 1 });
  t.is(reply.status, 200);
  t.deepEqual(reply.body, { received: { a: 1 } });
});

test('a CloudEvent JSON body is JSON too', async (t) => {
  const api = await serve(t, echoApp());
  const reply = await api.request('POST', '/echo', {
    raw: '{"id":"e1"}',
    headers: { 'content-type': 'application/cloudevents+json' },
  });
  t.is(reply.status, 200);
  t.deepEqual(reply.body, { received: { id: 'e1' } });
});

test('a body of another media type answers 415 unsupported_media_type', async (t) => {
  const api = await serve(t, echoApp());
  for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'application/xml']) {
    const reply = await api.request('POST', '/echo', { raw: 'a=1', headers: { 'content-type': type } });
    t.is(reply.status, 415, type);
    t.is(errorOf(reply).code, 'unsupported_media_type');
  }
});

test('an empty body may say any media type', async (t) => {
  const api = await serve(t, echoApp());
  const reply = await api.request('POST', '/echo', { raw: '', headers: { 'content-type': 'text/plain' } });
  t.is(reply.status, 200);
});

test('a body that is not valid JSON answers 400 invalid_json', async (t) => {
  const api = await serve(t, echoApp());
  const reply = await api.request('POST', '/echo', {
    raw: "{'a': 1}",
    headers: { 'content-type': 'application/json' },
  });
  t.is(reply.status, 400);
  t.is(errorOf(reply).code, 'invalid_json');
});

test('a body over the limit answers 413 payload_too_large', async (t) => {
  const api = await serve(t, echoApp());
  const reply = await api.post('/echo', { padding: 'x'.repeat(16 * 1024) });
  t.is(reply.status, 413);
  t.is(errorOf(reply).code, 'payload_too_large');
  const small = await serve(t, echoApp('1kb'));
  t.is((await small.post('/echo', { padding: 'x'.repeat(1100) })).status, 413);
  t.is((await small.post('/echo', { padding: 'x'.repeat(900) })).status, 200);
});

test('a GET without a body is served whatever content-type it names', async (t) => {
  const api = await serve(t, echoApp());
  const reply = await api.get('/echo', { 'content-type': 'text/plain' });
  t.is(reply.status, 200);
});
