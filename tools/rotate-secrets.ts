// `npm run secrets:rotate`: forgets every per-app secret (API tokens, app
// tokens, Sentry tokens and their signing key, broker and store passwords).
// The next `npm start` or `npm test` generates new ones and applies them to
// Kafka, Redis and PostgreSQL before any app starts. Run it with the stack down.
import { say } from './lib/log.ts';
import { rotateAppSecrets } from './stack/secrets.ts';

await rotateAppSecrets();
say('secrets', 'per-app secrets forgotten; the next start generates and applies new ones');
