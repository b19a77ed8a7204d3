import { randomUUID } from 'node:crypto';
import { createDaprClient, createLogger, portFromEnv, publishEvent, serve, requiredEnv } from '@roomstay/platform';
import { daprPaymentGateway } from './adapters/payment-gateway.ts';
import { daprRepositories } from './adapters/dapr-repositories.ts';
import { makeSweepOwed } from './application/reservations.ts';
import type { ReservationDeps } from './application/ports.ts';
import { createApp } from './app.ts';

const logger = createLogger('reservation');
const dapr = createDaprClient();
const deps: ReservationDeps = {
  ...daprRepositories(dapr),
  payments: daprPaymentGateway(dapr, logger),
  publish: (event) => publishEvent(dapr, 'reservation', event),
  clock: { now: () => new Date().toISOString() },
  ids: { reservationId: () => `RSV-${randomUUID()}` },
  owed: new Set<string>(),
};
const sweepOwed = makeSweepOwed(deps);
const sweep = setInterval(
  () => void sweepOwed().catch((error: unknown) => logger.warn({ err: error }, 'sweep failed')),
  2000,
);
const app = createApp({ ...deps, logger, appToken: requiredEnv('APP_API_TOKEN') });
serve(app, { port: portFromEnv('APP_PORT', 7003), logger, onShutdown: async () => clearInterval(sweep) });
