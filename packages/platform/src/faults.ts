// Fault injection for the chaos tests' profile only: a processing delay and a
// failure rate on an app's business routes, set by environment when the test
// launcher starts the app. Off unless FAULT_DELAY_MS or FAULT_FAILURE_RATE is
// set; no configuration of the system sets them.
import type { Middleware } from 'koa';
import { AppError } from './errors.ts';

export interface Faults {
  /** Uniform delay in ms, `[min, max]`. */
  delayMs: readonly [number, number] | undefined;
  /** Share of requests answered 503, 0..1. */
  failureRate: number;
}

export function faultsFromEnv(env: NodeJS.ProcessEnv = process.env): Faults | undefined {
  const delay = env['FAULT_DELAY_MS'];
  const rate = Number(env['FAULT_FAILURE_RATE'] ?? 0);
  if (!delay && !rate) return undefined;
  const [min = 0, max = min] = (delay ?? '0').split('-').map(Number);
  return { delayMs: delay ? [min, max] : undefined, failureRate: Number.isFinite(rate) ? rate : 0 };
}

/** Applies to requests under the given path prefixes (never to probes or event delivery). */
export function faultInjection(faults: Faults, prefixes: readonly string[]): Middleware {
  return async (ctx, next) => {
    if (!prefixes.some((p) => ctx.path.startsWith(p))) return next();
    if (faults.delayMs) {
      const [min, max] = faults.delayMs;
      await new Promise((resolve) => setTimeout(resolve, min + Math.random() * (max - min)));
    }
    if (Math.random() < faults.failureRate) {
      throw new AppError('service_unavailable', 'injected failure (test profile)');
    }
    await next();
  };
}
