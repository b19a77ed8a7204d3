import { randomUUID } from 'node:crypto';
import {
  createDaprClient,
  createLogger,
  faultsFromEnv,
  portFromEnv,
  publishEvent,
  serve,
  requiredEnv,
} from '@roomstay/platform';
import { daprPaymentRepository } from './adapters/dapr-repository.ts';
import { daprPromotionGateway } from './adapters/promotion-gateway.ts';
import { createApp } from './app.ts';

const logger = createLogger('payment');
const dapr = createDaprClient();

const app = createApp({
  appToken: requiredEnv('APP_API_TOKEN'),
  logger,
  faults: faultsFromEnv(),
  repository: daprPaymentRepository(dapr),
  publisher: { publish: (event) => publishEvent(dapr, 'payment', event) },
  promotions: daprPromotionGateway(dapr, logger),
  clock: { now: () => new Date().toISOString() },
  ids: { paymentId: () => `PAY-${randomUUID()}` },
});

serve(app, { port: portFromEnv('APP_PORT', 7004), logger });
