import { timingSafeEqual } from 'node:crypto';
import { bodyParser } from '@koa/bodyparser';
import Router from '@koa/router';
import Koa, { type Context, type Next } from 'koa';
import getRawBody from 'raw-body';
import { asksToBackOff, refusalHeaders, type ErrorBody, type InternalRefusal } from '@roomstay/contracts';
import { AppError, isAppError } from './errors.ts';
import { lifecycle } from './boot.ts';
import { faultInjection, type Faults } from './faults.ts';
import type { Logger } from './log.ts';

export { Router };
export type { Context };

/**
 * Who may call the app besides the probes: only its own sidecar, which
 * presents the app's token (APP_API_TOKEN) on every call, or anyone (the
 * ingress, whose routes are public).
 */
export type Callers = { sidecarToken: string } | 'anyone';

export interface HttpAppOptions {
  logger: Logger;
  callers: Callers;
  routers: readonly Router[];
  /** Readiness: false while starting or draining. Liveness (/health) is always true while serving. */
  ready?: () => boolean | Promise<boolean>;
  /** JSON bodies larger than this are refused with 413. */
  bodyLimit?: string;
  /** Served before JSON body handling, for parts that read their own bodies (an OAuth server). */
  rawMiddleware?: readonly Koa.Middleware[];
  /** Test profile only: see faults.ts. */
  faults?: Faults;
  faultPaths?: readonly string[];
}

function errorBody(error: AppError): ErrorBody {
  return {
    error: {
      code: error.code,
      // Messages of server errors are not shown; the code says enough.
      message: error.status < 500 ? error.message : 'the service could not complete the request',
      ...(error.field ? { field: error.field } : {}),
    },
  };
}

/** Errors thrown by Koa's own parts (body parser, router) carry an HTTP status. */
function fromHttpError(error: unknown): AppError | undefined {
  if (typeof error !== 'object' || error === null || !('status' in error)) return undefined;
  const status = Number(error.status);
  const type = 'type' in error ? String(error.type) : '';
  if (status === 413) return new AppError('payload_too_large', 'the request body is too large');
  if (status === 415) return new AppError('unsupported_media_type', 'send JSON (application/json)');
  if (status === 405 || status === 501) return new AppError('method_not_allowed', 'this method is not allowed here');
  if (status === 400 && (type === 'entity.parse.failed' || error instanceof SyntaxError)) {
    return new AppError('invalid_json', 'the request body is not valid JSON');
  }
  if (status === 400) return new AppError('invalid_request', 'the request is malformed');
  return undefined;
}

/** The one error middleware: every failure leaves as `{ error: { code, message } }`. */
export function errorMiddleware(logger: Logger) {
  return async (ctx: Context, next: Next): Promise<void> => {
    try {
      await next();
      if (ctx.status === 404 && ctx.body === undefined) {
        throw new AppError('not_found', `no route for ${ctx.method} ${ctx.path}`);
      }
      // The router answers a known path with another method (or an unknown method) with its Allow header.
      if ((ctx.status === 405 || ctx.status === 501) && ctx.body === undefined) {
        throw new AppError('method_not_allowed', `${ctx.method} is not allowed here`, {
          headers: { Allow: ctx.response.get('Allow') },
        });
      }
    } catch (caught) {
      const error = isAppError(caught)
        ? caught
        : (fromHttpError(caught) ?? new AppError('internal', 'unexpected error', { cause: caught }));
      if (error.status >= 500) logger.error({ err: caught, path: ctx.path, method: ctx.method }, error.message);
      ctx.status = error.status;
      ctx.set(error.headers);
      ctx.body = errorBody(error);
    }
  };
}

const jsonTypes = ['application/json', 'application/cloudevents+json', 'application/*+json'];
const isJsonType = (type: string): boolean =>
  type === 'application/json' || (type.startsWith('application/') && type.endsWith('+json'));

/**
 * A body that says what it is must say JSON. Whether there is a body at all is
 * told by reading it (headers differ between clients and proxies), up to the limit.
 */
function requireJson(limit: string) {
  return async (ctx: Context, next: Next): Promise<void> => {
    const type = ctx.request.type;
    if (type !== '' && !isJsonType(type) && ctx.get('content-length') !== '0') {
      const raw = await getRawBody(ctx.req, { limit });
      if (raw.length > 0) throw new AppError('unsupported_media_type', 'send JSON (application/json)');
    }
    await next();
  };
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Refuses every caller that does not present the app token, before anything else is read. */
function requireSidecar(token: string) {
  return async (ctx: Context, next: Next): Promise<void> => {
    if (!sameSecret(ctx.get('dapr-api-token'), token)) {
      throw new AppError('unauthorized', "only this app's sidecar may call it");
    }
    (ctx.state as { fromSidecar?: boolean }).fromSidecar = true;
    await next();
  };
}

/**
 * How an app's answer to another app's invocation leaves for its sidecar
 * (contracts' InternalRefusal): a business refusal as 200 with the envelope,
 * keeping the headers its meaning needs, so that no circuit breaker counts it;
 * anything else as it is. Contract tests' stub providers answer through this too.
 */
export function answerToInvocation(
  status: number,
  body: unknown,
  header: (name: string) => string,
): { status: number; body: unknown } {
  if (status < 400 || status >= 500 || asksToBackOff(status, body)) return { status, body };
  const headers: Record<string, string> = {};
  for (const name of refusalHeaders) {
    const value = header(name);
    if (value) headers[name] = value;
  }
  const envelope: InternalRefusal = { refused: { status, body, headers } };
  return { status: 200, body: envelope };
}

/** The internal answer convention, outermost, to see the final answer. */
function refusalsAsAnswers() {
  return async (ctx: Context, next: Next): Promise<void> => {
    await next();
    if (!(ctx.state as { fromSidecar?: boolean }).fromSidecar) return;
    // Only answers to another app's invocation: the sidecar's own calls (its
    // configuration, subscriptions, deliveries) carry no caller and keep HTTP's meaning.
    if (!ctx.get('dapr-caller-app-id')) return;
    const answer = answerToInvocation(ctx.status, ctx.body, (name) => ctx.response.get(name));
    if (answer.status === ctx.status) return;
    ctx.status = answer.status;
    ctx.body = answer.body;
  };
}

/**
 * The Koa base of every service: one error middleware on top, liveness at
 * /health and readiness at /ready (open to the kubelet), then only callers
 * allowed by `callers`, JSON bodies only and size-limited, then the service's
 * routers.
 */
export function createHttpApp(options: HttpAppOptions): Koa {
  const app = new Koa();
  app.silent = true;
  if (options.callers !== 'anyone') app.use(refusalsAsAnswers());
  app.use(errorMiddleware(options.logger));
  const probes = new Router();
  probes.get('/health', (ctx) => {
    ctx.body = { status: 'ok' };
  });
  probes.get('/ready', async (ctx) => {
    const ready = !lifecycle.draining && ((await options.ready?.()) ?? true);
    ctx.status = ready ? 200 : 503;
    ctx.body = { status: ready ? 'ready' : 'not-ready' };
  });
  app.use(probes.routes());
  if (options.callers !== 'anyone') app.use(requireSidecar(options.callers.sidecarToken));
  if (options.faults) app.use(faultInjection(options.faults, options.faultPaths ?? ['/']));
  for (const middleware of options.rawMiddleware ?? []) app.use(middleware);
  app.use(requireJson(options.bodyLimit ?? '16kb'));
  app.use(
    bodyParser({
      enableTypes: ['json'],
      extendTypes: { json: jsonTypes },
      jsonLimit: options.bodyLimit ?? '16kb',
      encoding: 'utf-8',
    }),
  );
  for (const router of options.routers) {
    app.use(router.routes());
    app.use(router.allowedMethods());
  }
  return app;
}

/** The parsed JSON body, as unknown: it is validated before use. */
export function requestBody(ctx: Context): unknown {
  return (ctx.request as { body?: unknown }).body;
}
