// The stack's control API: tests running in other processes kill, pause,
// restart and scale single processes through it (test/support/stack.ts is its
// client). It can stop anything and start apps with faults, so it listens on
// loopback only, obeys only the bearer of a token written for this start
// (.data/secrets/control-token, 0600), and takes only the signals, processes,
// apps and options named here, each value checked: anything else is answered
// 400 (404 for what does not exist) with a JSON error, and nothing is done.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import Router from '@koa/router';
import Koa from 'koa';
import { z } from 'zod';
import { dataDir } from '../lib/paths.ts';
import type { ProcessStatus } from './supervisor.ts';

export const controlPort = 7990;

/** Where this start's token is kept for the tests' client (test/support/stack.ts). */
export const controlTokenFile = join(dataDir, 'secrets', 'control-token');

/** Signals chaos sends: stop, kill, interrupt, pause and resume. */
const Signal = z.enum(['SIGKILL', 'SIGTERM', 'SIGINT', 'SIGSTOP', 'SIGCONT']);

/**
 * The test profile's options an instance may be started with, as the
 * environment the app reads them from (packages/platform faults.ts,
 * reservation's hold settings); nothing else reaches an app's environment.
 */
const InstanceOptions = z.strictObject({
  FAULT_DELAY_MS: z
    .string()
    .regex(/^\d{1,5}(-\d{1,5})?$/, 'milliseconds, or a range min-max')
    .optional(),
  FAULT_FAILURE_RATE: z
    .string()
    .regex(/^(0(\.\d{1,6})?|1(\.0{1,6})?)$/, 'a share from 0 to 1')
    .optional(),
  RESERVATION_HOLD_SECONDS: z
    .string()
    .regex(/^[1-9]\d{0,5}$/, 'whole seconds, at least 1')
    .optional(),
  RESERVATION_HOLD_LIMIT: z
    .string()
    .regex(/^\d{1,4}$/, 'a whole number, 0 for none')
    .optional(),
});

export type InstanceOptions = z.infer<typeof InstanceOptions>;

const SignalQuery = z.strictObject({ signal: Signal.default('SIGKILL'), wait: z.literal('exit').optional() });
const RestartQuery = z.strictObject({ signal: z.enum(['SIGTERM', 'SIGKILL']).default('SIGTERM') });
const NoQuery = z.strictObject({});
/** Replicas move every port by n * 1000 (apps.ts), so ten fit below the ephemeral range. */
const Instance = z.string().regex(/^\d$/, 'an instance number from 0 to 9').transform(Number);

/** What the control API may do to the stack. */
export interface ControlledStack {
  processes(): ProcessStatus[];
  /** Whether the stack runs (or ran) a process of this name. */
  has(name: string): boolean;
  appIds(): readonly string[];
  signal(name: string, signal: z.infer<typeof Signal>): void;
  exited(name: string): Promise<void>;
  restart(name: string): Promise<void>;
  stop(name: string): Promise<void>;
  restartAll(signal: 'SIGTERM' | 'SIGKILL'): Promise<void>;
  startInstance(appId: string, n: number, options: InstanceOptions): Promise<void>;
  stopInstance(appId: string, n: number): Promise<void>;
}

class ControlError extends Error {
  constructor(
    readonly status: 400 | 401 | 404,
    message: string,
  ) {
    super(message);
  }
}

function checked<S extends z.ZodType>(schema: S, value: unknown, what: string): z.infer<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const where = issue?.path.length ? ` ${issue.path.join('.')}` : '';
  const keys = issue && 'keys' in issue ? ` ${issue.keys.join(', ')}` : '';
  throw new ControlError(400, `${what}${where}${keys}: ${issue?.message ?? 'invalid'}`);
}

function sameToken(header: string, token: string): boolean {
  const given = Buffer.from(header.startsWith('Bearer ') ? header.slice('Bearer '.length) : '');
  const expected = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export function controlApp(stack: ControlledStack, token: string): Koa {
  const router = new Router();
  const processName = (ctx: Koa.Context) => {
    const name = String(ctx.params['name']);
    if (!stack.has(name)) throw new ControlError(404, `no process named ${name}`);
    return name;
  };
  const instance = (ctx: Koa.Context) => {
    const appId = String(ctx.params['appId']);
    if (!stack.appIds().includes(appId)) throw new ControlError(404, `no app ${appId}`);
    return { appId, n: checked(Instance, ctx.params['n'], 'instance') };
  };
  router.get('/processes', (ctx) => {
    checked(NoQuery, ctx.query, 'query');
    ctx.body = stack.processes();
  });
  router.post('/processes/:name/signal', async (ctx) => {
    const name = processName(ctx);
    const { signal, wait } = checked(SignalQuery, ctx.query, 'query');
    stack.signal(name, signal);
    if (wait === 'exit') await stack.exited(name);
    ctx.body = { ok: true };
  });
  router.post('/processes/:name/restart', async (ctx) => {
    const name = processName(ctx);
    checked(NoQuery, ctx.query, 'query');
    await stack.restart(name);
    ctx.body = { ok: true };
  });
  router.post('/processes/:name/stop', async (ctx) => {
    const name = processName(ctx);
    checked(NoQuery, ctx.query, 'query');
    await stack.stop(name);
    ctx.body = { ok: true };
  });
  router.post('/stack/restart', async (ctx) => {
    const { signal } = checked(RestartQuery, ctx.query, 'query');
    await stack.restartAll(signal);
    ctx.body = { ok: true };
  });
  router.post('/apps/:appId/instances/:n', async (ctx) => {
    const { appId, n } = instance(ctx);
    await stack.startInstance(appId, n, checked(InstanceOptions, ctx.query, 'option'));
    ctx.body = { ok: true };
  });
  router.delete('/apps/:appId/instances/:n', async (ctx) => {
    const { appId, n } = instance(ctx);
    checked(NoQuery, ctx.query, 'query');
    await stack.stopInstance(appId, n);
    ctx.body = { ok: true };
  });
  const app = new Koa();
  app.use(async (ctx, next) => {
    try {
      // Before anything else: a caller without the token learns nothing, not even which routes exist.
      if (!sameToken(ctx.get('authorization'), token)) {
        ctx.set('WWW-Authenticate', 'Bearer');
        throw new ControlError(401, 'the control API needs the bearer token of this start');
      }
      await next();
      if (ctx.status === 404 && ctx.body === undefined) ctx.body = { error: 'no such control route' };
    } catch (error) {
      ctx.status = error instanceof ControlError ? error.status : 500;
      ctx.body = { error: error instanceof Error ? error.message : String(error) };
    }
  });
  app.use(router.routes());
  return app;
}

/** A new token for this start, kept where only its owner can read it; the old one stops working. */
export async function writeControlToken(file = controlTokenFile): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  await mkdir(dirname(file), { recursive: true, mode: 0o700 });
  await rm(file, { force: true });
  await writeFile(file, token, { mode: 0o600, flag: 'wx' });
  return token;
}

export async function removeControlToken(file = controlTokenFile): Promise<void> {
  await rm(file, { force: true });
}

/** Serves the control API on loopback only, for the bearer of `token`. */
export async function serveControl(
  stack: ControlledStack,
  { token, port = controlPort }: { token: string; port?: number },
): Promise<Server> {
  const server = createServer(controlApp(stack, token).callback());
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  return server;
}
