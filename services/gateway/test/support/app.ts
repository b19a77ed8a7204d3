import { callerHeaders, silentLogger } from '@roomstay/platform';
import type { ExecutionContext } from 'ava';
import { RateLimiterMemory } from 'rate-limiter-flexible';
import { createLimits, defaultLimits, type LimitSettings } from '../../src/adapters/limits.ts';
import { createApp } from '../../src/app.ts';
import { serve, type Client } from '../../../../packages/platform/test/support/http.ts';
import { FakeTokens, FakeUpstream } from './fakes.ts';

export const bearer = (name: string): Record<string, string> => ({ authorization: `Bearer ${name}` });

export { callerHeaders };

/** The gateway in process, its limiters in memory (rate-limiter-flexible's own), generous unless told. */
export async function gatewayApi(
  t: ExecutionContext,
  settings: Partial<LimitSettings> = {},
  options: {
    /** Clients known by X-Forwarded-For, as behind the cluster's ingress: a test speaks from many addresses. */
    trustProxy?: boolean;
    /** What a slowed sign-in waits on (the real clock unless said). */
    sleep?: (ms: number) => Promise<void>;
    /** Sees every limiter key the gateway uses. */
    onKey?: (limiter: string, key: string) => void;
  } = {},
): Promise<{ api: Client; upstream: FakeUpstream }> {
  const upstream = new FakeUpstream();
  const limits = createLimits(
    (name, budget) => {
      const limiter = new RateLimiterMemory({ keyPrefix: name, points: budget.points, duration: budget.seconds });
      if (!options.onKey) return limiter;
      const seen = options.onKey;
      for (const method of ['consume', 'penalty', 'reward', 'get', 'delete'] as const) {
        const original = limiter[method].bind(limiter) as (key: string, ...rest: unknown[]) => Promise<unknown>;
        Object.assign(limiter, {
          [method]: (key: string, ...rest: unknown[]) => {
            seen(name, key);
            return original(key, ...rest);
          },
        });
      }
      return limiter;
    },
    { ...defaultLimits, perClient: { points: 10_000, seconds: 10 }, ...settings },
    options.sleep,
  );
  const app = createApp({
    tokens: new FakeTokens(),
    upstream,
    limits,
    logger: silentLogger,
    publicUrl: 'http://localhost:8080',
    trustProxy: options.trustProxy ?? false,
  });
  return { api: await serve(t, app), upstream };
}
