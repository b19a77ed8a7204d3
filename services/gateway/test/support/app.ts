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
): Promise<{ api: Client; upstream: FakeUpstream }> {
  const upstream = new FakeUpstream();
  const limits = createLimits(
    (name, budget) => new RateLimiterMemory({ keyPrefix: name, points: budget.points, duration: budget.seconds }),
    { ...defaultLimits, perClient: { points: 10_000, seconds: 10 }, ...settings },
  );
  const app = createApp({
    tokens: new FakeTokens(),
    upstream,
    limits,
    logger: silentLogger,
    publicUrl: 'http://localhost:8080',
  });
  return { api: await serve(t, app), upstream };
}
