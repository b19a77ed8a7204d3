import { get } from 'node:http';
import { fileURLToPath } from 'node:url';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import test from 'ava';
import { silentLogger } from '@roomstay/platform';
import { RateLimiterMemory } from 'rate-limiter-flexible';
import { createLimits, defaultLimits } from '../src/adapters/limits.ts';
import { contentSecurityPolicy, loadSite } from '../src/adapters/site.ts';
import { createApp } from '../src/app.ts';
import { FakeTokens, FakeUpstream } from './support/fakes.ts';
import { serve } from '../../../packages/platform/test/support/http.ts';

/** The bytes as sent (fetch would decompress them). */
function bytesOf(url: string, encoding: string): Promise<{ headers: Record<string, unknown>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    get(url, { headers: { 'accept-encoding': encoding } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }));
    }).on('error', reject);
  });
}

const webRoot = fileURLToPath(new URL('../../../packages/web/', import.meta.url));

async function siteApi(t: Parameters<typeof serve>[0]) {
  const upstream = new FakeUpstream();
  const app = createApp({
    tokens: new FakeTokens(),
    upstream,
    limits: createLimits(
      (name, budget) => new RateLimiterMemory({ keyPrefix: name, points: budget.points, duration: budget.seconds }),
      { ...defaultLimits, perClient: { points: 10_000, seconds: 10 } },
    ),
    logger: silentLogger,
    publicUrl: 'http://localhost:8080',
    site: await loadSite(webRoot),
  });
  return { api: await serve(t, app, {}), upstream };
}

test('the front page and its module come from the web package, compressed when the browser accepts it', async (t) => {
  const { api, upstream } = await siteApi(t);
  const page = await api.get('/?code=abc&state=def', { 'accept-encoding': 'identity' });
  t.is(page.status, 200);
  t.regex(page.headers.get('content-type') ?? '', /^text\/html/);
  t.regex(String(page.body), /<script type="module" src="\/main.js"><\/script>/);

  const raw = await bytesOf(`${api.base}/main.js`, 'br');
  t.is(raw.headers['content-encoding'], 'br');
  t.regex(String(raw.headers['content-type']), /^text\/javascript/);
  const compressed = raw.body;
  const plain = brotliDecompressSync(compressed).toString('utf8');
  t.true(plain.includes('finishSignIn'), 'the compiled module');
  t.true(compressed.length < plain.length / 2, `${compressed.length} bytes for ${plain.length}`);

  const gz = await bytesOf(`${api.base}/styles.css`, 'gzip');
  t.is(gz.headers['content-encoding'], 'gzip');
  t.true(gunzipSync(gz.body).toString('utf8').includes('.site-header'));
  t.deepEqual(upstream.calls, [], 'nothing went to an app');
});

test('a file the browser has is revalidated by its ETag and not sent again', async (t) => {
  const { api } = await siteApi(t);
  const first = await api.get('/styles.css');
  const etag = first.headers.get('etag') ?? '';
  t.regex(etag, /^"[A-Za-z0-9_-]+"$/);
  t.is(first.headers.get('cache-control'), 'no-cache');
  const again = await api.get('/styles.css', { 'if-none-match': etag });
  t.is(again.status, 304);
  t.is(again.body, '');
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
