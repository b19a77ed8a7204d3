// `npm run infra`: the stack without its apps, for `dapr run -f .` — Kafka,
// Redis, PostgreSQL and Sentry, provisioned and prepared as `npm start` does
// (users, ACLs, topics, databases, certificates), and each app's secrets in a
// file of its own for the run file's wrappers (tools/dapr-cli). Ctrl-C stops
// it and removes those files.
import { say, warn } from './lib/log.ts';
import { stopOnSignal } from './lib/stop-on-signal.ts';
import { provision } from './provision.ts';
import { ports } from './stack/infra.ts';
import { removeRunSecrets } from './stack/run-secrets.ts';
import { sentry } from './stack/sentry.ts';
import { Stack } from './stack/stack.ts';

const runtime = await provision();
let stack: Stack | undefined;
const stopAll = stopOnSignal(async () => {
  say('infra', 'stopping');
  await removeRunSecrets();
  await stack?.stop();
});

try {
  stack = await Stack.start(runtime, { apps: [] });
  await stack.writeRunSecrets();
} catch (error) {
  warn('infra', error instanceof Error ? error.message : String(error));
  await stopAll(1);
}
process.stdout.write(
  [
    '',
    `Kafka 127.0.0.1:${ports.kafka}   Redis 127.0.0.1:${ports.redis}   PostgreSQL 127.0.0.1:${ports.postgres}   Sentry 127.0.0.1:${sentry.port}`,
    'Each app’s secrets: .data/secrets/run/ (removed when this stops).',
    'Now, from the repository root:  dapr run -f .     (Ctrl-C there stops the apps; Ctrl-C here the rest)',
    '',
  ].join('\n'),
);
