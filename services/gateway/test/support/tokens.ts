// Access tokens as auth issues them, signed by a key of the test's own, and a
// verifier that knows that key, asks `grants` about grants, and reads the
// clock the test moves.
import { exportJWK, generateKeyPair, SignJWT, type JSONWebKeySet } from 'jose';
import { apiAudience } from '@roomstay/contracts';
import { AppError } from '@roomstay/platform';
import { jwksVerifier, type GrantCheck, type TokenVerifier } from '../../src/adapters/tokens.ts';

const issuer = 'http://localhost:8080/auth';

export interface Signed {
  verifier: TokenVerifier;
  /** "Bearer <jwt>" for alice under the grant named (none: a token that names no grant). */
  bearer(grantId: string | undefined): Promise<string>;
  /** Moves the verifier's clock forward. */
  advance(ms: number): void;
}

export async function signedTokens(grants: GrantCheck): Promise<Signed> {
  const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
  const jwks: JSONWebKeySet = { keys: [{ ...(await exportJWK(publicKey)), kid: 'key-1', alg: 'ES256', use: 'sig' }] };
  let clock = Date.now();
  const verifier = jwksVerifier({ issuer, fetchJwks: async () => jwks, grants, now: () => clock });
  return {
    verifier,
    bearer: async (grantId) =>
      `Bearer ${await new SignJWT({ name: 'Alice Kim', role: 'customer', ...(grantId ? { grant_id: grantId } : {}) })
        .setProtectedHeader({ alg: 'ES256', kid: 'key-1', typ: 'at+jwt' })
        .setIssuer(issuer)
        .setAudience(apiAudience)
        .setSubject('alice')
        .setIssuedAt()
        .setExpirationTime('1h')
        .sign(privateKey)}`,
    advance: (ms) => {
      clock += ms;
    },
  };
}

/** The code of the AppError a verification failed with, or 'accepted'. */
export async function outcome(verifying: Promise<unknown>): Promise<string> {
  try {
    await verifying;
    return 'accepted';
  } catch (error) {
    if (error instanceof AppError) return error.code;
    throw error;
  }
}
