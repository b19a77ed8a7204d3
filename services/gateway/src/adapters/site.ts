// The site's static files (packages/web: index.html, the stylesheet, the
// compiled modules), served by the gateway on the API's own origin: no app and
// sidecar of their own (memory and CPU this machine keeps for the services), no
// CORS, and the sign-in's redirect URI is the gateway's front page. Files are
// read once at start and kept compressed (brotli and gzip); each encoding is
// revalidated by its own ETag. Every answer of the gateway carries the security
// headers; the Content-Security-Policy allows scripts, styles, fetches and form
// posts to this origin only, no inline script or style, no framing.
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { Middleware } from 'koa';

/** How a file's bytes are sent: as they are, or compressed. */
export type Encoding = 'br' | 'gzip' | 'identity';

/** One encoding of a file: its bytes and the ETag that names exactly them. */
export interface Representation {
  body: Buffer;
  etag: string;
}

export interface SiteFile {
  type: string;
  representations: Readonly<Record<Encoding, Representation>>;
}

/** Files by their public path ("/" is index.html). */
export type Site = ReadonlyMap<string, SiteFile>;

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.svg': 'image/svg+xml',
};

/**
 * A file in each encoding, each with its own ETag (the hash of the file and
 * the encoding): a 304 tells a cache that the bytes it holds are still those
 * it would be sent, and the brotli bytes are not the plain ones.
 */
function siteFile(path: string, body: Buffer): SiteFile {
  const hash = createHash('sha256').update(body).digest('base64url').slice(0, 22);
  const representation = (encoding: Encoding, bytes: Buffer): Representation => ({
    body: bytes,
    etag: `"${hash}-${encoding}"`,
  });
  return {
    type: types[extname(path)] ?? 'application/octet-stream',
    representations: {
      br: representation('br', brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } })),
      gzip: representation('gzip', gzipSync(body, { level: 9 })),
      identity: representation('identity', body),
    },
  };
}

/** The site from the web package's directory: static/ as it is, and the modules dist/ compiled. */
export async function loadSite(webRoot: string): Promise<Site> {
  const site = new Map<string, SiteFile>();
  const staticDir = join(webRoot, 'static');
  for (const name of await readdir(staticDir)) {
    if (!types[extname(name)]) continue;
    const body = await readFile(join(staticDir, name));
    site.set(name === 'index.html' ? '/' : `/${name}`, siteFile(name, body));
  }
  const distDir = join(webRoot, 'dist');
  for (const name of await readdir(distDir)) {
    if (extname(name) !== '.js') continue;
    site.set(`/${name}`, siteFile(name, await readFile(join(distDir, name))));
  }
  if (!site.has('/') || !site.has('/main.js')) throw new Error(`no built site in ${webRoot} (npm run build)`);
  return site;
}

export const contentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "object-src 'none'",
].join('; ');

/** Headers every answer of the ingress carries, pages, files and API alike. */
export function securityHeaders(): Middleware {
  return async (ctx, next) => {
    ctx.set({
      'Content-Security-Policy': contentSecurityPolicy,
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
      'X-Frame-Options': 'DENY',
      'Cross-Origin-Opener-Policy': 'same-origin',
    });
    await next();
  };
}

/**
 * The site's files, by exact path, for GET and HEAD; anything else passes on.
 * The encoding is chosen first, then revalidated by that encoding's ETag
 * (If-None-Match as Koa reads it: lists, weak tags).
 */
export function serveSite(site: Site): Middleware {
  return async (ctx, next) => {
    const file = site.get(ctx.path);
    if (!file || (ctx.method !== 'GET' && ctx.method !== 'HEAD')) return next();
    const accepted = ctx.acceptsEncodings('br', 'gzip', 'identity');
    const encoding: Encoding = accepted === 'br' || accepted === 'gzip' ? accepted : 'identity';
    const representation = file.representations[encoding];
    ctx.status = 200;
    ctx.set('Cache-Control', 'no-cache');
    ctx.set('ETag', representation.etag);
    ctx.set('Vary', 'Accept-Encoding');
    ctx.type = file.type;
    if (ctx.fresh) {
      ctx.status = 304;
      return;
    }
    if (encoding !== 'identity') ctx.set('Content-Encoding', encoding);
    ctx.body = representation.body;
  };
}
