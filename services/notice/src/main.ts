import { createDaprClient, createLogger, portFromEnv, serve } from '@roomstay/platform';
import { daprInboxRepository } from './adapters/dapr-repository.ts';
import { createApp } from './app.ts';

const logger = createLogger('notice');
const app = createApp({
  inboxes: daprInboxRepository(createDaprClient()),
  logger,
});
serve(app, { port: portFromEnv('APP_PORT', 7007), logger });
