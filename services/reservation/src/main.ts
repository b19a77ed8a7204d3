import { randomUUID } from 'node:crypto';
import { createDaprClient, createLogger, portFromEnv, publishEvent, serve } from '@roomstay/platform';
import { daprPaymentGateway } from './adapters/payment-gateway.ts';
import { daprRepositories } from './adapters/dapr-repositories.ts';
import { createApp } from './app.ts';

const logger = createLogger('reservation');
const dapr = createDaprClient();
const app = createApp({
  ...daprRepositories(dapr),
  payments: daprPaymentGateway(dapr, logger),
  publish: (event) => publishEvent(dapr, 'reservation', event),
  clock: { now: () => new Date().toISOString() },
  ids: { reservationId: () => `RSV-${randomUUID()}` },
  logger,
});
serve(app, { port: portFromEnv('APP_PORT', 7003), logger });
