import test from 'ava';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JSONWebKeySet } from 'jose';
import { apiAudience } from '@roomstay/contracts';
import { AppError } from '@roomstay/platform';
import { jwksVerifier } from '../src/adapters/tokens.ts';

const issuer = 'http://localhost:8080/auth';
const kid = 'key-1';

async function keys() {
  const signing = await generateKeyPair('ES256', { extractable: true });
  const other = await generateKeyPair('ES256', { extractable: true });
  const jwks: JSONWebKeySet = { keys: [{ ...(await exportJWK(signing.publicKey)), kid, alg: 'ES256', use: 'sig' }] };
  let fetches = 0;
  const verifier = jwksVerifier({
    issuer,
    fetchJwks: async () => {
      fetches++;
      return jwks;
    },
    grants: async () => true,
  });
  return { signing: signing.privateKey, other: other.privateKey, verifier, fetches: () => fetches };
}

interface TokenOptions {
  key: CryptoKey;
  claims?: Record<string, unknown>;
  subject?: string | undefined;
  issuer?: string;
  audience?: string;
  expires?: string | number | undefined;
}

function sign(options: TokenOptions): Promise<string> {
  let jwt = new SignJWT({ name: 'Alice Kim', role: 'customer', grant_id: 'grant-1', ...(options.claims ?? {}) })
    .setProtectedHeader({ alg: 'ES256', kid, typ: 'at+jwt' })
    .setIssuer(options.issuer ?? issuer)
    .setAudience(options.audience ?? apiAudience)
    .setIssuedAt();
  if (!('subject' in options) || options.subject !== undefined) jwt = jwt.setSubject(options.subject ?? 'alice');
  if (!('expires' in options) || options.expires !== undefined) jwt = jwt.setExpirationTime(options.expires ?? '5m');
  return jwt.sign(options.key);
}

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** The code of the AppError the verification failed with. */
async function refusal(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return error.code;
    throw error;
  }
  throw new Error('the token was accepted');
}

test('a valid ES256 token of the issuer for the API is its caller', async (t) => {
  const { signing, verifier } = await keys();
  const token = await sign({ key: signing });
  t.deepEqual(await verifier.verify(`Bearer ${token}`), { customerId: 'alice', name: 'Alice Kim', role: 'customer' });
});

test('an administrator token is an administrator', async (t) => {
  const { signing, verifier } = await keys();
  const token = await sign({ key: signing, claims: { role: 'admin', name: 'Root' }, subject: 'root' });
  t.deepEqual(await verifier.verify(`Bearer ${token}`), { customerId: 'root', name: 'Root', role: 'admin' });
});

test('a token for another audience is unauthorized', async (t) => {
  const { signing, verifier } = await keys();
  t.is(
    await refusal(verifier.verify(`Bearer ${await sign({ key: signing, audience: 'some-other-api' })}`)),
    'unauthorized',
  );
});

test('a token of another issuer is unauthorized', async (t) => {
  const { signing, verifier } = await keys();
  t.is(
    await refusal(verifier.verify(`Bearer ${await sign({ key: signing, issuer: 'https://evil.example/auth' })}`)),
    'unauthorized',
  );
});

test('an expired token is unauthorized', async (t) => {
  const { signing, verifier } = await keys();
  const expired = await sign({ key: signing, expires: Math.floor(Date.now() / 1000) - 3600 });
  t.is(await refusal(verifier.verify(`Bearer ${expired}`)), 'unauthorized');
});

test('a token without an expiry is unauthorized', async (t) => {
  const { signing, verifier } = await keys();
  t.is(await refusal(verifier.verify(`Bearer ${await sign({ key: signing, expires: undefined })}`)), 'unauthorized');
});

test('an unsigned token (alg none) is unauthorized', async (t) => {
  const { verifier } = await keys();
  const claims = {
    sub: 'alice',
    name: 'Alice',
    role: 'admin',
    iss: issuer,
    aud: apiAudience,
    exp: Math.floor(Date.now() / 1000) + 600,
  };
  const unsigned = `${b64({ alg: 'none', typ: 'JWT' })}.${b64(claims)}.`;
  t.is(await refusal(verifier.verify(`Bearer ${unsigned}`)), 'unauthorized');
  // the same with something in the signature place
  t.is(await refusal(verifier.verify(`Bearer ${b64({ alg: 'none', kid })}.${b64(claims)}.AAAA`)), 'unauthorized');
});

test('a token signed by a key the issuer does not publish is unauthorized', async (t) => {
  const { other, verifier } = await keys();
  t.is(await refusal(verifier.verify(`Bearer ${await sign({ key: other })}`)), 'unauthorized');
});

test('a token whose payload was altered after signing is unauthorized', async (t) => {
  const { signing, verifier } = await keys();
  const [header, , signature] = (await sign({ key: signing })).split('.');
  const forged = `${header}.${b64({ sub: 'alice', role: 'admin', iss: issuer, aud: apiAudience, exp: Math.floor(Date.now() / 1000) + 600 })}.${signature}`;
  t.is(await refusal(verifier.verify(`Bearer ${forged}`)), 'unauthorized');
});

test('a token with no role, or a role the API does not know, is unauthorized', async (t) => {
  const { signing, verifier } = await keys();
  t.is(
    await refusal(verifier.verify(`Bearer ${await sign({ key: signing, claims: { role: undefined } })}`)),
    'unauthorized',
  );
  t.is(
    await refusal(verifier.verify(`Bearer ${await sign({ key: signing, claims: { role: 'superuser' } })}`)),
    'unauthorized',
  );
});

test('a missing or malformed Authorization header is unauthorized', async (t) => {
  const { signing, verifier } = await keys();
  const token = await sign({ key: signing });
  t.is(await refusal(verifier.verify(undefined)), 'unauthorized');
  t.is(await refusal(verifier.verify(token)), 'unauthorized');
  t.is(await refusal(verifier.verify(`Basic ${token}`)), 'unauthorized');
  t.is(await refusal(verifier.verify('Bearer not-a-jwt')), 'unauthorized');
});

test('the signing keys are fetched once for many tokens', async (t) => {
  const { signing, verifier, fetches } = await keys();
  for (let i = 0; i < 3; i++) await verifier.verify(`Bearer ${await sign({ key: signing })}`);
  t.is(fetches(), 1);
});

test('when the signing keys cannot be fetched the answer is service_unavailable, not unauthorized', async (t) => {
  const { signing } = await keys();
  const verifier = jwksVerifier({
    issuer,
    fetchJwks: async () => {
      throw new AppError('service_unavailable', 'the signing keys cannot be fetched');
    },
    grants: async () => true,
  });
  t.is(await refusal(verifier.verify(`Bearer ${await sign({ key: signing })}`)), 'service_unavailable');
});
