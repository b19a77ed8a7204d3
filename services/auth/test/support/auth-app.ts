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
import { hashPassword, verifyPassword } from '../../src/adapters/passwords.ts';
import { createApp } from '../../src/app.ts';
import { testAppToken } from '../../../../packages/platform/test/support/http.ts';

/** What auth's own sidecar presents on every call (the app token). */
export const fromSidecar = { 'dapr-api-token': testAppToken, 'dapr-caller-app-id': 'gateway' };

/** auth on 127.0.0.1:<ephemeral> until the test ends; its base URL. */
export async function authApp(t: ExecutionContext, issuer: string): Promise<string> {
  const accounts = await makeAccountDirectory(defaultAccounts, { hash: hashPassword, verify: verifyPassword });
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const jwk = { ...privateKey.export({ format: 'jwk' }), kid: randomUUID(), alg: 'ES256', use: 'sig' } as PrivateJwk;
  const provider = createProvider({ issuer, jwks: { keys: [jwk] }, accounts });
  const app = createApp({ provider, accounts, issuer, logger: silentLogger, appToken: testAppToken });
  const server = app.listen(0, '127.0.0.1');
  await once(server, 'listening');
  t.teardown(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}
