import getRawBody from 'raw-body';
import { z } from 'zod';
import type { Middleware } from 'koa';
import { InternalRefusal } from '@roomstay/contracts';
import { AppError, parse, requestBody, Router, callerHeaders, type Caller, type Context } from '@roomstay/platform';
import { openApiDocument } from './openapi.ts';
import { relay, type PageAnswer, type Upstream } from './forward.ts';
import type { Limits } from './limits.ts';
import { authPageRoutes, authRoutes, type PublicRoute } from './routes.ts';
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
    const pages = authPageRoutes.filter((route) => route.path.test(ctx.path));
    if (pages.length) return authPage(ctx, pages, upstream, limits);
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
    // A sign-in with a password is budgeted by failures (limits.ts).
    const username = ctx.path === '/auth/token' ? new URLSearchParams(raw ?? '').get('username') : null;
    const result =
      username === null
        ? await forward()
        : await limits.signIn(
            username,
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

/**
 * A browser on one of auth's pages: the request goes to auth with its cookies
 * and form, the answer comes back with its status, Location, Content-Type and
 * cookies. A password posted on the login page is budgeted like the password
 * grant (auth answers a wrong one with 400).
 */
async function authPage(
  ctx: Context,
  routes: readonly (typeof authPageRoutes)[number][],
  upstream: Upstream,
  limits: Limits,
): Promise<void> {
  const route = routes.find((r) => r.method === ctx.method);
  if (!route) {
    throw new AppError('method_not_allowed', 'this method is not allowed here', {
      headers: { Allow: routes.map((r) => r.method).join(', ') },
    });
  }
  let form: string | undefined;
  if (ctx.method === 'POST') {
    if (!ctx.is('application/x-www-form-urlencoded')) {
      throw new AppError('unsupported_media_type', 'send a form (application/x-www-form-urlencoded)');
    }
    form = await getRawBody(ctx.req, { limit: '16kb', encoding: 'utf-8' });
  }
  const headers: Record<string, string> = {};
  const cookie = ctx.get('cookie');
  if (cookie) headers['Cookie'] = cookie;
  if (form !== undefined) headers['Content-Type'] = 'application/x-www-form-urlencoded';
  const query = ctx.querystring ? `?${ctx.querystring}` : '';
  const method = route.method;
  const forward = () => upstream.page('auth', method, `${ctx.path}${query}`, form, headers);
  const username = route.signIn ? new URLSearchParams(form ?? '').get('username') : null;
  const answer =
    username === null
      ? await forward()
      : await limits.signIn(username, `address:${ctx.request.ip}`, forward, (a) =>
          [a.status, refusalOf(a)?.status].includes(400),
        );
  if (answer.status >= 500) {
    throw new AppError('service_unavailable', 'the authorization server is unavailable', {
      headers: { 'Retry-After': '5' },
    });
  }
  for (const [name, value] of answer.headers) {
    if (name === 'set-cookie') ctx.append('Set-Cookie', value);
    else ctx.set(name, value);
  }
  ctx.set('Cache-Control', 'no-store');
  // auth answers a refusal (a wrong password, a bad request) to its sidecar
  // in the envelope that keeps breakers closed; the browser gets it as it was.
  const refusal = refusalOf(answer);
  if (refusal) {
    ctx.status = refusal.status;
    ctx.set(refusal.headers);
    if (typeof refusal.body === 'string') {
      ctx.type = 'html';
      ctx.body = refusal.body;
    } else {
      ctx.body = refusal.body;
    }
    return;
  }
  ctx.status = answer.status;
  ctx.body = answer.body;
}

function refusalOf(answer: PageAnswer): InternalRefusal['refused'] | undefined {
  if (answer.status !== 200) return undefined;
  const type = answer.headers.find(([name]) => name === 'content-type')?.[1] ?? '';
  if (!type.includes('json')) return undefined;
  try {
    const parsed = InternalRefusal.safeParse(JSON.parse(answer.body.toString('utf8')));
    return parsed.success ? parsed.data.refused : undefined;
  } catch {
    return undefined;
  }
}
