// The ingress forwards a request only when its path means one thing. A path
// that a decoder or a normaliser further in (the HTTP client, the sidecar, the
// app's router) could read as another path is refused before anything is
// forwarded: dot segments, encoded dots, slashes or backslashes in any
// encoding (mixed case, double-encoded, overlong UTF-8), empty segments,
// parameters (";"), anything outside printable ASCII.
import type { Middleware } from 'koa';
import { AppError } from '@roomstay/platform';

// RFC 3986 path characters, without ";" (path parameters) and with "%" for escapes.
const pathCharacters = /^[A-Za-z0-9\-._~!$&'()*+,=:@/%]*$/;
// The escapes a public path may hold: printable ASCII other than ".", "/", "\" and "%".
const allowedEscape = (byte: number) =>
  byte >= 0x20 && byte < 0x7f && byte !== 0x2e && byte !== 0x2f && byte !== 0x5c && byte !== 0x25;

/** Why the raw path (before "?") is unsafe, or undefined when it is safe. */
export function unsafePath(rawPath: string): string | undefined {
  if (!rawPath.startsWith('/')) return 'the path must start with /';
  if (!pathCharacters.test(rawPath)) return 'the path holds characters a path may not hold';
  for (const match of rawPath.matchAll(/%(.{0,2})/g)) {
    const hex = match[1] ?? '';
    if (!/^[0-9A-Fa-f]{2}$/.test(hex)) return 'the path holds a malformed escape';
    if (!allowedEscape(parseInt(hex, 16))) return 'the path holds an encoded dot, slash, backslash, percent or byte';
  }
  const segments = rawPath.slice(1).split('/');
  for (const [index, segment] of segments.entries()) {
    if (segment === '.' || segment === '..') return 'the path holds a dot segment';
    if (segment === '' && index < segments.length - 1) return 'the path holds an empty segment';
  }
  return undefined;
}

/** The first thing the gateway does with a request. */
export function refuseUnsafePaths(): Middleware {
  return async (ctx, next) => {
    const raw = ctx.req.url ?? '/';
    const queryAt = raw.indexOf('?');
    const reason = unsafePath(queryAt < 0 ? raw : raw.slice(0, queryAt));
    if (reason) throw new AppError('invalid_path', reason);
    await next();
  };
}
