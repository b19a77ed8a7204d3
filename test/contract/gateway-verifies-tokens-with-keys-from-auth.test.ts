// Consumer verification of gateway -> auth for the signing keys: the gateway's
// real key fetch (tokens.ts), through the Dapr SDK, against a stub auth made
// from the contract. The keys it reads verify a token signed by auth's key;
// keys that cannot be fetched are a 503, not an unauthorized caller.
import test from 'ava';
import { SignJWT } from 'jose';
import { apiAudience } from '@roomstay/contracts';
import { AppError } from '@roomstay/platform';
import { daprJwks, jwksVerifier } from '../../services/gateway/src/adapters/tokens.ts';
import { exampleSigningKey, gatewayAuth } from './edges/gateway-auth.ts';
import { assertMet, pathFailures, stubSidecar } from './support/stub-sidecar.ts';

const issuer = 'http://localhost:8080/auth';
const readKeys = gatewayAuth.interactions.find((i) => i.route === 'GET /auth/jwks');

const token = () =>
  new SignJWT({ name: 'Alice Kim', role: 'customer', grant_id: 'grant-of-alice' })
    .setProtectedHeader({ alg: 'ES256', kid: exampleSigningKey.kid })
    .setSubject('alice')
    .setIssuer(issuer)
    .setAudience(apiAudience)
    .setExpirationTime('5m')
    .sign(exampleSigningKey.privateKey);

test('the gateway reads the signing keys as the contract says and verifies a token of auth with them', async (t) => {
  if (!readKeys) return t.fail('the contract has no key read');
  const stub = await stubSidecar(t, [gatewayAuth]);
  stub.arm(readKeys);
  // The grant's question is its own contract (gateway-asks-auth-whether-a-grant-stands).
  const tokens = jwksVerifier({ issuer, fetchJwks: daprJwks(stub.client), grants: async () => true });
  t.deepEqual(await tokens.verify(`Bearer ${await token()}`), {
    customerId: 'alice',
    name: 'Alice Kim',
    role: 'customer',
  });
  assertMet(t, stub, readKeys);
});

for (const failure of pathFailures) {
  test(`the gateway answers keys it cannot fetch (${failure}) with 503 and Retry-After`, async (t) => {
    const stub = await stubSidecar(t, [gatewayAuth]);
    stub.failNext(failure);
    const error = await t.throwsAsync(daprJwks(stub.client)(), { instanceOf: AppError });
    t.is(error?.code, 'service_unavailable');
    t.is(error?.headers['Retry-After'], '5');
    t.deepEqual(stub.unmatched, []);
  });
}
