// The site's static files (packages/web: index.html, the stylesheet, the
// compiled modules), served by the gateway on the API's own origin: no app and
// sidecar of their own (memory and CPU this machine keeps for the services), no
// CORS, and the sign-in's redirect URI is the gateway's front page. Files are
// read once at start and kept compressed (brotli and gzip); each answer is
// revalidated by its ETag. Every answer of the gateway carries the security
// headers; the Content-Security-Policy allows scripts, styles, fetches and form
// posts to this origin only, no inline script or style, no framing.
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { Middleware } from 'koa';

export interface SiteFile {
  type: string;
  body: Buffer;
  br: Buffer;
  gzip: Buffer;
  etag: string;
}

/** Files by their public path ("/" is index.html). */
export type Site = ReadonlyMap<string, SiteFile>;

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.svg': 'image/svg+xml',
};

function siteFile(path: string, body: Buffer): SiteFile {
  return {
    type: types[extname(path)] ?? 'application/octet-stream',
    body,
    br: brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }),
    gzip: gzipSync(body, { level: 9 }),
    etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"`,
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

/** The site's files, by exact path, for GET and HEAD; anything else passes on. */
export function serveSite(site: Site): Middleware {
  return async (ctx, next) => {
    const file = site.get(ctx.path);
    if (!file || (ctx.method !== 'GET' && ctx.method !== 'HEAD')) return next();
    ctx.set('Cache-Control', 'no-cache');
    ctx.set('ETag', file.etag);
    ctx.set('Vary', 'Accept-Encoding');
    ctx.type = file.type;
    if (ctx.get('if-none-match') === file.etag) {
      ctx.status = 304;
      return;
    }
    const encoding = ctx.acceptsEncodings('br', 'gzip', 'identity');
    ctx.status = 200;
    if (encoding === 'br') {
      ctx.set('Content-Encoding', 'br');
      ctx.body = file.br;
    } else if (encoding === 'gzip') {
      ctx.set('Content-Encoding', 'gzip');
      ctx.body = file.gzip;
    } else {
      ctx.body = file.body;
    }
    ctx.type = file.type;
  };
}
