import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { createLogger, faultsFromEnv, portFromEnv, repeat, requiredEnv } from '@roomstay/platform';
import { createDaprClient } from '@roomstay/platform/dapr';
import { serveDual } from '@roomstay/platform/grpc';
import { makeOutboxRelay } from './application/relay.ts';
import { daprPublisher } from './adapters/dapr-publisher.ts';
import { SqlJsPromotionStore } from './adapters/sqljs-store.ts';
import { createApp, createGrpcApp } from './app.ts';

const logger = createLogger('promotion');
const store = await SqlJsPromotionStore.open(resolve(process.env['PROMOTION_DB_FILE'] ?? 'data/promotion.sqlite'), {
  logger,
});
const dapr = createDaprClient();
const relay = makeOutboxRelay({ store, publisher: daprPublisher(dapr, 'promotion'), logger });
// From start (what a previous run committed but did not publish goes first), then
// continuously, besides the kick after each commit. Its outbox is a table in the
// same sql.js transaction as the promotion: the store is not a Dapr state store.
const sweep = repeat(relay.kick, 1_000, (error) => logger.warn({ err: error }, 'outbox relay pass failed'));

const deps = {
  appToken: requiredEnv('APP_API_TOKEN'),
  store,
  logger,
  faults: faultsFromEnv(),
  clock: { now: () => new Date().toISOString() },
  ids: { couponId: () => `CPN-${randomUUID()}` },
  onCommitted: () => void relay.kick(),
};

// gRPC (promotion's own API through the sidecars' proxying; AppCallback) and HTTP (invocations,
// events, probes) on the one app port.
serveDual(createGrpcApp(deps), createApp(deps), {
  port: portFromEnv('APP_PORT', 7005),
  logger,
  onShutdown: async () => {
    await sweep.stop();
    await relay.kick();
    await store.close();
  },
});
