// The brotli, gzip and plain bytes of a file are different representations: a
// cache that holds one must not be told by a 304 that it may serve it to a
// client that asked for another.
import test from 'ava';
import { rawGet, siteApi } from './support/site.ts';

const encodings = ['br', 'gzip', 'identity'] as const;

test('each encoding of a site file has its own ETag, and every answer varies by Accept-Encoding', async (t) => {
  const { api } = await siteApi(t);
  const etags = new Set<unknown>();
  for (const encoding of encodings) {
    const reply = await rawGet(`${api.base}/main.js`, { 'accept-encoding': encoding });
    t.is(reply.status, 200, encoding);
    t.regex(String(reply.headers['etag']), /^"[A-Za-z0-9_-]+"$/, encoding);
    t.is(reply.headers['vary'], 'Accept-Encoding', encoding);
    etags.add(reply.headers['etag']);
  }
  t.is(etags.size, encodings.length);
});

test('a client revalidating with the ETag of another encoding gets the whole file in its own', async (t) => {
  const { api } = await siteApi(t);
  const br = await rawGet(`${api.base}/main.js`, { 'accept-encoding': 'br' });
  const plain = await rawGet(`${api.base}/main.js`, {
    'accept-encoding': 'identity',
    'if-none-match': String(br.headers['etag']),
  });
  t.is(plain.status, 200);
  t.is(plain.headers['content-encoding'], undefined);
  t.true(plain.body.toString('utf8').includes('finishSignIn'));
  t.not(plain.headers['etag'], br.headers['etag']);
});

test('a client revalidating with the ETag of the encoding it gets is answered 304, in a list of ETags too', async (t) => {
  const { api } = await siteApi(t);
  for (const encoding of encodings) {
    const first = await rawGet(`${api.base}/main.js`, { 'accept-encoding': encoding });
    const etag = String(first.headers['etag']);
    for (const ifNoneMatch of [etag, `"another", ${etag}`, `W/${etag}`]) {
      const again = await rawGet(`${api.base}/main.js`, { 'accept-encoding': encoding, 'if-none-match': ifNoneMatch });
      t.is(again.status, 304, `${encoding}: ${ifNoneMatch}`);
      t.is(again.headers['etag'], etag);
      t.is(again.headers['vary'], 'Accept-Encoding');
      t.is(again.body.length, 0);
    }
  }
});
