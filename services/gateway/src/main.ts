import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis } from 'rate-limiter-flexible';
import { createLogger, portFromEnv, requiredEnv, serve } from '@roomstay/platform';
import { createDaprClient } from '@roomstay/platform/dapr';
import { daprUpstream } from './adapters/forward.ts';
import { createLimits, defaultLimits, parseBudget } from './adapters/limits.ts';
import { daprGrants, daprJwks, jwksVerifier } from './adapters/tokens.ts';
import { loadSite } from './adapters/site.ts';
import { createApp } from './app.ts';

const logger = createLogger('gateway');
const dapr = createDaprClient();
const publicUrl = process.env['PUBLIC_URL'] ?? 'http://localhost:8080';

const tokens = jwksVerifier({
  issuer: process.env['AUTH_ISSUER'] ?? `${publicUrl}/auth`,
  fetchJwks: daprJwks(dapr),
  grants: daprGrants(dapr),
});

// The limiters' state, shared by every gateway replica: its own Redis user, whose ACL covers only "ratelimit:*".
const redis = new Redis(process.env['GATEWAY_REDIS_URL'] ?? 'redis://127.0.0.1:6380/2', {
  username: process.env['APP_ID'] ?? 'gateway',
  password: requiredEnv('REDIS_PASSWORD'),
  maxRetriesPerRequest: 1,
  enableOfflineQueue: false,
});
redis.on('error', (error) => logger.warn({ err: error }, 'redis connection error'));
const limits = createLimits(
  (name, budget) =>
    new RateLimiterRedis({
      storeClient: redis,
      keyPrefix: `ratelimit:${name}`,
      points: budget.points,
      duration: budget.seconds,
      // A client past its budget is refused from memory until the window ends, without asking Redis.
      inMemoryBlockOnConsumed: budget.points,
      insuranceLimiter: new RateLimiterMemory({ keyPrefix: name, points: budget.points, duration: budget.seconds }),
    }),
  {
    perClient: parseBudget(process.env['RATE_LIMIT_PER_CLIENT'], defaultLimits.perClient),
    signInFailuresPerAccountAndAddress: parseBudget(
      process.env['SIGNIN_FAILURES_PER_ACCOUNT_AND_ADDRESS'],
      defaultLimits.signInFailuresPerAccountAndAddress,
    ),
    signInFailuresPerAccount: parseBudget(
      process.env['SIGNIN_FAILURES_PER_ACCOUNT'],
      defaultLimits.signInFailuresPerAccount,
    ),
    signInFailuresPerAddress: parseBudget(
      process.env['SIGNIN_FAILURES_PER_ADDRESS'],
      defaultLimits.signInFailuresPerAddress,
    ),
  },
);

// The web package's files, wherever npm linked it (the repository, the image).
const site = await loadSite(fileURLToPath(new URL('.', import.meta.resolve('@roomstay/web/package.json'))));

const app = createApp({
  tokens,
  upstream: daprUpstream(dapr, {
    port: process.env['DAPR_HTTP_PORT'] ?? '3500',
    apiToken: requiredEnv('DAPR_API_TOKEN'),
  }),
  limits,
  trustProxy: process.env['TRUST_PROXY'] === '1',
  logger,
  publicUrl,
  site,
});
// The gateway is the one app that listens beyond loopback when HOST says so (Kubernetes).
serve(app, { port: portFromEnv('APP_PORT', 8080), logger, onShutdown: async () => void (await redis.quit()) });
