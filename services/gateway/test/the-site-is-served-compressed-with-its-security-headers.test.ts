import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import test from 'ava';
import { contentSecurityPolicy } from '../src/adapters/site.ts';
import { rawGet, siteApi } from './support/site.ts';

test('the front page and its module come from the web package, compressed when the browser accepts it', async (t) => {
  const { api, upstream } = await siteApi(t);
  const page = await api.get('/?code=abc&state=def', { 'accept-encoding': 'identity' });
  t.is(page.status, 200);
  t.regex(page.headers.get('content-type') ?? '', /^text\/html/);
  t.regex(String(page.body), /<script type="module" src="\/main.js"><\/script>/);

  const raw = await rawGet(`${api.base}/main.js`, { 'accept-encoding': 'br' });
  t.is(raw.headers['content-encoding'], 'br');
  t.regex(String(raw.headers['content-type']), /^text\/javascript/);
  const compressed = raw.body;
  const plain = brotliDecompressSync(compressed).toString('utf8');
  t.true(plain.includes('finishSignIn'), 'the compiled module');
  t.true(compressed.length < plain.length / 2, `${compressed.length} bytes for ${plain.length}`);

  const gz = await rawGet(`${api.base}/styles.css`, { 'accept-encoding': 'gzip' });
  t.is(gz.headers['content-encoding'], 'gzip');
  t.true(gunzipSync(gz.body).toString('utf8').includes('.site-header'));
  t.deepEqual(upstream.calls, [], 'nothing went to an app');
});

test('a file the browser has is revalidated by its ETag and not sent again', async (t) => {
  const { api } = await siteApi(t);
  // As a browser revalidates what it holds (fetch() given If-None-Match would also send Cache-Control: no-cache).
  const first = await rawGet(`${api.base}/styles.css`, { 'accept-encoding': 'gzip' });
  const etag = String(first.headers['etag']);
  t.regex(etag, /^"[A-Za-z0-9_-]+"$/);
  t.is(first.headers['cache-control'], 'no-cache');
  const again = await rawGet(`${api.base}/styles.css`, { 'accept-encoding': 'gzip', 'if-none-match': etag });
  t.is(again.status, 304);
  t.is(again.body.length, 0);
});

test('every answer, page or API, forbids inline script, framing and other origins', async (t) => {
  const { api } = await siteApi(t);
  for (const path of ['/', '/main.js', '/rooms', '/no-such-file.js']) {
    const reply = await api.get(path);
    t.is(reply.headers.get('content-security-policy'), contentSecurityPolicy, path);
    t.is(reply.headers.get('x-content-type-options'), 'nosniff', path);
    t.is(reply.headers.get('x-frame-options'), 'DENY', path);
  }
  t.regex(contentSecurityPolicy, /script-src 'self'(;|$)/);
  t.notRegex(contentSecurityPolicy, /unsafe-inline|unsafe-eval|\*/);
});

test('only the built files are served: no source, no map, no declaration, no POST', async (t) => {
  const { api } = await siteApi(t);
  for (const path of ['/main.ts', '/main.d.ts', '/main.js.map', '/package.json', '/tsconfig.json', '/index.html']) {
    t.is((await api.get(path)).status, 404, path);
  }
  t.is((await api.request('POST', '/main.js', { raw: '' })).status, 404);
});
