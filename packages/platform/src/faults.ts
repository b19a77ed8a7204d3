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

/**
 * Faults that make a claim of the chaos suite false on purpose, so that
 * `npm run test:chaos -- --prove` can show each scenario turns red when its
 * claim does not hold. Set per app by the prove run only (FAULT_PROVE, a
 * comma-separated list); no configuration of the system sets it.
 */
export const provingFaults = [
  /** Reservation asks room before placing: room being down stops reservations. */
  'ask-room',
  /** Every event is published twice, the second with new ids: a double grant, a second charge. */
  'publish-twice',
  /** One delivery in ten is answered SUCCESS without being handled: a lost event. */
  'lose-events',
  /** Every delivery is handled twice, the second under another event id: an event handled twice. */
  'handle-twice',
  /** A new process takes requests before it can serve them (409 for its first seconds): a rolling update that fails requests. */
  'serve-before-ready',
  /** An event whose publish failed is forgotten instead of owed: a broker outage loses events. */
  'forget-owed',
  /** The outbox relay never runs: owed events wait for a client's retry, or forever. */
  'no-relay',
  /** A malformed event is answered RETRY instead of DROP: the dead letter comes minutes late. */
  'retry-malformed',
  /** A promotion is answered before its commit is durable: a kill loses what a payer was told. */
  'ack-before-commit',
] as const;
export type ProvingFault = (typeof provingFaults)[number];

const proving = new Set(
  (process.env['FAULT_PROVE'] ?? '')
    .split(',')
    .map((name) => name.trim())
    .filter((name): name is ProvingFault => (provingFaults as readonly string[]).includes(name)),
);

/** Whether this process runs with a proving fault on (test profile only). */
export const faultOn = (fault: ProvingFault): boolean => proving.has(fault);
