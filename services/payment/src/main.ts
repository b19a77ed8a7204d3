import { randomUUID } from 'node:crypto';
import { createLogger, faultsFromEnv, portFromEnv, makeOutbox, repeat, serve, requiredEnv } from '@roomstay/platform';
import { createDaprClient, publishEvent } from '@roomstay/platform/dapr';
import { daprOwedPayments, daprPaymentRepository } from './adapters/dapr-repository.ts';
import { daprPromotionGateway } from './adapters/promotion-gateway.ts';
import { createApp } from './app.ts';

const logger = createLogger('payment');
const dapr = createDaprClient();
const repository = daprPaymentRepository(dapr);
const outbox = makeOutbox({
  owed: daprOwedPayments(dapr),
  loadMany: (ids) => Promise.all(ids.map((id) => repository.get(id))),
  replace: (record, etag) => repository.replace(record, etag),
  publish: (event) => publishEvent(dapr, 'payment', event),
  now: Date.now,
});
// From start (what a previous run owed goes first), then continuously.
const relay = repeat(outbox.relay, 1_000, (error) => logger.warn({ err: error }, 'outbox relay pass failed'));

const app = createApp({
  appToken: requiredEnv('APP_API_TOKEN'),
  logger,
  faults: faultsFromEnv(),
  repository,
  outbox,
  promotions: daprPromotionGateway(dapr, logger),
  clock: { now: () => new Date().toISOString() },
  ids: { paymentId: () => `PAY-${randomUUID()}` },
});

serve(app, { port: portFromEnv('APP_PORT', 7004), logger, onShutdown: () => relay.stop() });
