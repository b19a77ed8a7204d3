// auth in process: the real oidc-provider with the demo accounts and a fresh
// key, served on a loopback port of the system's choosing.
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import type { ExecutionContext } from 'ava';
import { silentLogger } from '@roomstay/platform';
import { makeAccountDirectory } from '../../src/application/accounts.ts';
import { defaultAccounts } from '../../src/domain/accounts.ts';
import type { PrivateJwk } from '../../src/adapters/key-store.ts';
import { createProvider } from '../../src/adapters/oidc.ts';
import { storedAdapters, type OidcStores } from '../../src/adapters/oidc-store.ts';
import { hashPassword, verifyPassword } from '../../src/adapters/passwords.ts';
import { createApp } from '../../src/app.ts';
import { testAppToken } from '../../../../packages/platform/test/support/http.ts';

/** What auth's own sidecar presents on every call (the app token). */
export const fromSidecar = { 'dapr-api-token': testAppToken, 'dapr-caller-app-id': 'gateway' };

/** A signing key as auth keeps it. */
export function signingKey(): PrivateJwk {
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return { ...privateKey.export({ format: 'jwk' }), kid: randomUUID(), alg: 'ES256', use: 'sig' } as PrivateJwk;
}

/**
 * auth on 127.0.0.1:<ephemeral> until the test ends; its base URL. With
 * `stores`, its sessions and grants are kept there (replicas and restarts of
 * auth share them, with the same `key`); else in oidc-provider's memory.
 */
export async function authApp(
  t: ExecutionContext,
  issuer: string,
  options: { stores?: OidcStores; key?: PrivateJwk } = {},
): Promise<string> {
  const accounts = await makeAccountDirectory(defaultAccounts, { hash: hashPassword, verify: verifyPassword });
  const jwk = options.key ?? signingKey();
  const provider = createProvider({
    issuer,
    jwks: { keys: [jwk] },
    accounts,
    ...(options.stores ? { adapter: storedAdapters(options.stores) } : {}),
  });
  const app = createApp({ provider, accounts, issuer, logger: silentLogger, appToken: testAppToken });
  const server = app.listen(0, '127.0.0.1');
  await once(server, 'listening');
  t.teardown(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}
