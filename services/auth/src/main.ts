import { resolve } from 'node:path';
import { createLogger, portFromEnv, serve, requiredEnv } from '@roomstay/platform';
import { createDaprClient, DaprStateStore } from '@roomstay/platform/dapr';
import { accountsFor, profileOf } from './domain/accounts.ts';
import { makeAccountDirectory } from './application/accounts.ts';
import { loadOrCreateSigningKeys } from './adapters/key-store.ts';
import { createProvider } from './adapters/oidc.ts';
import { StoredGrantIndex, StoredLookup, StoredModel, storedAdapters } from './adapters/oidc-store.ts';
import { hashPassword, verifyPassword } from './adapters/passwords.ts';
import { createApp } from './app.ts';

const logger = createLogger('auth');
const accounts = await makeAccountDirectory(
  accountsFor(profileOf(process.env['ROOMSTAY_PROFILE']), process.env['AUTH_ACCOUNTS']),
  { hash: hashPassword, verify: verifyPassword },
);
const jwks = await loadOrCreateSigningKeys(resolve(process.env['AUTH_DATA_DIR'] ?? 'data'));
const issuer = process.env['AUTH_ISSUER'] ?? 'http://localhost:8080/auth';
// Sessions, grants and codes in auth's own state store, through its sidecar: they outlive a
// restart of auth, and every replica of auth sees every one of them.
const dapr = createDaprClient();
const store = 'auth-store';
const adapter = storedAdapters({
  models: new DaprStateStore(dapr, store, StoredModel),
  lookups: new DaprStateStore(dapr, store, StoredLookup),
  grants: new DaprStateStore(dapr, store, StoredGrantIndex),
});
const provider = createProvider({ issuer, jwks, accounts, adapter });
provider.on('server_error', (_ctx, error) => logger.error({ err: error }, 'authorization server error'));

serve(createApp({ provider, accounts, issuer, logger, appToken: requiredEnv('APP_API_TOKEN') }), {
  port: portFromEnv('APP_PORT', 7001),
  logger,
});
