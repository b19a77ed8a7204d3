// An app asks its own sidecar for secrets: its own, and another app's.
import test from 'ava';
import { sidecarFetch } from '../support/operator.ts';
import { apps, refused } from './support/attacks.ts';

test("no app reads a secret through its sidecar, its own or another's", async (t) => {
  for (const app of apps) {
    for (const path of [
      '/v1.0/secrets/secretstore/KAFKA_PASSWORD',
      '/v1.0/secrets/secretstore/POSTGRES_CONNECTION',
      '/v1.0/secrets/secretstore/REDIS_PASSWORD',
      '/v1.0/secrets/secretstore/bulk',
    ]) {
      const response = await sidecarFetch(app, path);
      const body = (await response.text()).trim();
      refused(
        t,
        `${app} reads ${path}`,
        (response.status === 403 && body.includes('ERR_PERMISSION_DENIED')) ||
          // a bulk read leaves out every secret the scopes deny: nothing
          (path.endsWith('/bulk') && response.status === 200 && body === '{}') ||
          // gateway and auth have no secret store at all
          ((app === 'gateway' || app === 'auth') && body.includes('ERR_SECRET_STORES_NOT_CONFIGURED')),
        `${response.status} ${body.slice(0, 100)}`,
      );
    }
  }
});
