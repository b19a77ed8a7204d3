import { createDaprClient, createLogger, portFromEnv, serve } from '@roomstay/platform';
import { daprInboxRepository } from './adapters/dapr-repository.ts';
import { createApp } from './app.ts';

const logger = createLogger('notice');
let serving: { isAccepting: () => boolean } | undefined;
const app = createApp({
  inboxes: daprInboxRepository(createDaprClient()),
  logger,
  ready: () => serving?.isAccepting() ?? false,
});
serving = serve(app, { port: portFromEnv('APP_PORT', 7007), logger });
