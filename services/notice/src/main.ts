import { createDaprClient, createLogger, portFromEnv, serve, requiredEnv } from '@roomstay/platform';
import { daprInboxRepository } from './adapters/dapr-repository.ts';
import { createApp } from './app.ts';

const logger = createLogger('notice');
const app = createApp({
  appToken: requiredEnv('APP_API_TOKEN'),
  inboxes: daprInboxRepository(createDaprClient()),
  logger,
});
serve(app, { port: portFromEnv('APP_PORT', 7007), logger });
