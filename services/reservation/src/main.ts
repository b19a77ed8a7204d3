import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { createDaprClient, createLogger, portFromEnv, publishEvent, serve, requiredEnv } from '@roomstay/platform';
import { daprPaymentGateway } from './adapters/payment-gateway.ts';
import { daprRepositories } from './adapters/dapr-repositories.ts';
import { makeExpireHolds, makeSweepOwed } from './application/reservations.ts';
import type { ReservationDeps } from './application/ports.ts';
import { createApp } from './app.ts';

const logger = createLogger('reservation');

/**
 * An unpaid reservation holds its nights RESERVATION_HOLD_SECONDS (15 minutes
 * unless said), and a customer holds at most RESERVATION_HOLD_LIMIT unpaid at
 * once (5 unless said; 0: no cap). A bad value stops the start.
 */
function holdPolicyFrom(env: NodeJS.ProcessEnv): ReservationDeps['holdPolicy'] {
  const settings = z
    .object({
      RESERVATION_HOLD_SECONDS: z.coerce.number().int().min(1).max(86_400).default(900),
      RESERVATION_HOLD_LIMIT: z.coerce.number().int().min(0).max(1_000).default(5),
    })
    .parse(env);
  return { holdMs: settings.RESERVATION_HOLD_SECONDS * 1000, limit: settings.RESERVATION_HOLD_LIMIT };
}
const dapr = createDaprClient();
const deps: ReservationDeps = {
  ...daprRepositories(dapr),
  payments: daprPaymentGateway(dapr, logger),
  publish: (event) => publishEvent(dapr, 'reservation', event),
  clock: { now: () => new Date().toISOString() },
  ids: { reservationId: () => `RSV-${randomUUID()}` },
  owed: new Set<string>(),
  holdPolicy: holdPolicyFrom(process.env),
};
const sweepOwed = makeSweepOwed(deps);
const sweep = setInterval(
  () => void sweepOwed().catch((error: unknown) => logger.warn({ err: error }, 'sweep failed')),
  2000,
);
const expireHolds = makeExpireHolds(deps);
let expiring = Promise.resolve();
// Every 2 s from start (holds that ran out while the app was down go first); one take at a time.
const expiry = setInterval(() => {
  expiring = expiring
    .then(() => expireHolds())
    .then(
      () => undefined,
      (error: unknown) => logger.warn({ err: error }, 'letting expired holds go failed'),
    );
}, 2000);
const app = createApp({ ...deps, logger, appToken: requiredEnv('APP_API_TOKEN') });
serve(app, {
  port: portFromEnv('APP_PORT', 7003),
  logger,
  onShutdown: async () => {
    clearInterval(sweep);
    clearInterval(expiry);
    await expiring;
  },
});
