import getRawBody from 'raw-body';
import { z } from 'zod';
import type { Middleware } from 'koa';
import { AppError, parse, requestBody, Router, callerHeaders, type Caller, type Context } from '@roomstay/platform';
import { openApiDocument } from './openapi.ts';
import { relay, type Upstream } from './forward.ts';
import type { Limits } from './limits.ts';
import { authRoutes, type PublicRoute } from './routes.ts';
import type { TokenVerifier } from './tokens.ts';

interface GatewayState {
  /** The caller of a verified bearer token, when the request had one. */
  caller?: Caller;
}

/**
 * Counts every request against its client's budget before anything else is
 * done for it: a customer is known by its verified token, anyone else by its
 * network address (behind a proxy, when TRUST_PROXY says so, the forwarded one).
 */
export function countRequests(limits: Limits, tokens: TokenVerifier): Middleware {
  return async (ctx, next) => {
    const authorization = ctx.get('authorization');
    const caller = authorization ? await tokens.verify(authorization).catch(() => undefined) : undefined;
    if (caller) (ctx.state as GatewayState).caller = caller;
    await limits.request(caller ? `customer:${caller.customerId}` : `address:${ctx.request.ip}`);
    await next();
  };
}

async function authorize(ctx: Context, route: PublicRoute, tokens: TokenVerifier): Promise<Caller | undefined> {
  if (route.access === 'public') return undefined;
  const caller = (ctx.state as GatewayState).caller ?? (await tokens.verify(ctx.get('authorization') || undefined));
  if (route.access === 'admin' && caller.role !== 'admin') {
    throw new AppError('forbidden', 'this needs the administrator role');
  }
  return caller;
}

/** The public routes: authenticate, validate, forward to the owning app through the sidecar. */
export function publicRouter(deps: {
  routes: readonly PublicRoute[];
  tokens: TokenVerifier;
  upstream: Upstream;
  publicUrl: string;
}): Router {
  const router = new Router();
  const document = openApiDocument(deps.routes, deps.publicUrl);
  router.get('/openapi.json', (ctx) => {
    ctx.body = document;
  });
  for (const route of deps.routes) {
    router[route.method === 'GET' ? 'get' : 'post'](route.path, async (ctx) => {
      const caller = await authorize(ctx, route, deps.tokens);
      if (route.params) parse(z.strictObject(route.params), ctx.params, 'path');
      const query = route.query ? parse(route.query, ctx.query) : {};
      if (!route.query && ctx.querystring) throw new AppError('unknown_field', 'this route takes no query parameters');
      const body = route.body ? parse(route.body, requestBody(ctx) ?? {}) : undefined;
      const headers: Record<string, string> = caller ? callerHeaders(caller) : {};
      for (const [name, schema] of Object.entries(route.headers ?? {})) {
        // A header that is present is validated, even when empty.
        if (ctx.headers[name] === undefined) continue;
        const value = ctx.get(name);
        headers[name] = parse(z.object({ [name]: schema }), { [name]: value }, 'headers')[name] ?? value;
      }
      const target = route.target(ctx.params, caller);
      const defined = Object.entries(query).filter((entry): entry is [string, string] => entry[1] !== undefined);
      const search = defined.length ? `?${new URLSearchParams(defined).toString()}` : '';
      const answer = relay(
        await deps.upstream.call(target.appId, route.method, `${target.path}${search}`, body, headers),
        route.status,
      );
      ctx.status = answer.status;
      if (answer.headers) ctx.set(answer.headers);
      if (answer.status === 503) ctx.set('Retry-After', '5');
      ctx.body = answer.body;
    });
  }
  return router;
}

/**
 * The allow-listed /auth paths go to the authorization server as they are
 * (form bodies, OAuth error format), read raw and size-limited here.
 */
export function authPassthrough(upstream: Upstream, limits: Limits): Middleware {
  return async (ctx, next) => {
    if (ctx.path !== '/auth' && !ctx.path.startsWith('/auth/')) return next();
    const allowed = authRoutes.filter((route) => route.path === ctx.path);
    if (!allowed.length) throw new AppError('not_found', `no route for ${ctx.method} ${ctx.path}`);
    if (!allowed.some((route) => route.method === ctx.method)) {
      throw new AppError('method_not_allowed', 'this method is not allowed here', {
        headers: { Allow: allowed.map((route) => route.method).join(', ') },
      });
    }
    const contentType = ctx.get('content-type');
    const raw = ctx.method === 'POST' ? await getRawBody(ctx.req, { limit: '16kb', encoding: 'utf-8' }) : undefined;
    const headers: Record<string, string> = contentType ? { 'Content-Type': contentType } : {};
    const query = ctx.querystring ? `?${ctx.querystring}` : '';
    const forward = () => upstream.call('auth', ctx.method as 'GET' | 'POST', `${ctx.path}${query}`, raw, headers);
    // A sign-in with a password is budgeted by failures, per account and per address.
    const username = ctx.path === '/auth/token' ? new URLSearchParams(raw ?? '').get('username') : null;
    const result =
      username === null
        ? await forward()
        : await limits.signIn(
            `account:${username.toLowerCase()}`,
            `address:${ctx.request.ip}`,
            forward,
            (answer) => !answer.ok && answer.status === 400,
          );
    if (
      !result.ok &&
      result.status >= 500 &&
      typeof result.body === 'object' &&
      result.body !== null &&
      'errorCode' in result.body
    ) {
      throw new AppError('service_unavailable', 'the authorization server is unavailable', {
        headers: { 'Retry-After': '5' },
      });
    }
    ctx.status = result.ok ? 200 : result.status;
    if (!result.ok && result.headers) ctx.set(result.headers);
    ctx.set('Cache-Control', 'no-store');
    ctx.body = result.body;
  };
}
