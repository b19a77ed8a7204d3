// Bearer JWT verification against the auth app's JWKS, fetched through this
// app's sidecar: signature (ES256 only, never "none"), issuer, audience, expiry.
import { z } from 'zod';
import { createLocalJWKSet, errors as joseErrors, jwtVerify, type JSONWebKeySet, type JWTVerifyGetKey } from 'jose';
import { apiAudience, type AccessTokenClaims } from '@roomstay/contracts';
import { AppError, type Caller } from '@roomstay/platform';
import { invoke, type DaprClient } from '@roomstay/platform/dapr';

export interface TokenVerifier {
  verify(authorization: string | undefined): Promise<Caller>;
}

/** Fetches the JWKS when first needed and again (at most every 30 s) when a token names an unknown key. */
export function jwksVerifier(options: { issuer: string; fetchJwks: () => Promise<JSONWebKeySet> }): TokenVerifier {
  let keys: JWTVerifyGetKey | undefined;
  let fetchedAt = 0;
  const load = async () => {
    keys = createLocalJWKSet(await options.fetchJwks());
    fetchedAt = Date.now();
    return keys;
  };
  const unauthorized = (message: string, cause?: unknown) =>
    new AppError('unauthorized', message, { cause, headers: { 'WWW-Authenticate': 'Bearer realm="roomstay"' } });

  async function check(token: string, keySet: JWTVerifyGetKey): Promise<{ caller: Caller; exp: number }> {
    const { payload } = await jwtVerify<Partial<AccessTokenClaims>>(token, keySet, {
      issuer: options.issuer,
      audience: apiAudience,
      algorithms: ['ES256'],
      requiredClaims: ['sub', 'exp'],
    });
    const role = payload.role;
    if (!payload.sub || (role !== 'customer' && role !== 'admin')) throw unauthorized('the token carries no customer');
    return { caller: { customerId: payload.sub, name: payload.name ?? payload.sub, role }, exp: payload.exp ?? 0 };
  }

  // Tokens already verified, until they expire: a client sends the same token
  // with every request, and verifying an ES256 signature each time is most of
  // what a request costs the ingress. Bounded; the oldest entries go first.
  const verified = new Map<string, { caller: Caller; expiresAt: number }>();
  const remember = (token: string, caller: Caller, exp: number) => {
    if (verified.size >= 10_000) {
      const oldest = verified.keys().next().value;
      if (oldest !== undefined) verified.delete(oldest);
    }
    verified.set(token, { caller, expiresAt: exp * 1000 });
  };

  return {
    async verify(authorization) {
      const match = /^Bearer ([\w-]+\.[\w-]+\.[\w-]+)$/i.exec(authorization ?? '');
      if (!match?.[1]) throw unauthorized('a bearer token is required');
      const token = match[1];
      const known = verified.get(token);
      if (known && known.expiresAt > Date.now()) return known.caller;
      if (known) verified.delete(token);
      try {
        const { caller, exp } = await check(token, keys ?? (await load()));
        remember(token, caller, exp);
        return caller;
      } catch (error) {
        if (error instanceof AppError && error.code !== 'unauthorized') throw error;
        if (error instanceof joseErrors.JWKSNoMatchingKey && Date.now() - fetchedAt > 30_000) {
          const { caller, exp } = await check(token, await load()).catch((again: unknown) => {
            throw unauthorized('the token is not valid', again);
          });
          remember(token, caller, exp);
          return caller;
        }
        if (error instanceof AppError) throw error;
        throw unauthorized('the token is not valid', error);
      }
    },
  };
}

/**
 * What the gateway reads of auth's key set: public P-256 keys for ES256, by
 * kid. A set that carries private key material ("d") is not one to trust.
 */
export const SigningKeys = z.object({
  keys: z
    .array(
      z.object({
        kty: z.literal('EC'),
        crv: z.literal('P-256'),
        x: z.string().min(1),
        y: z.string().min(1),
        kid: z.string().min(1),
        alg: z.literal('ES256'),
        d: z.never().optional(),
      }),
    )
    .min(1),
});

/** auth's public signing keys, asked of auth through the sidecar. */
export function daprJwks(client: DaprClient): () => Promise<JSONWebKeySet> {
  return async () => {
    // Unreachable, refused or unreadable: the keys cannot be had now, whichever it was.
    const result = await invoke(client, 'auth', 'GET', '/auth/jwks').catch(() => undefined);
    const keys = result?.ok ? SigningKeys.safeParse(result.body) : undefined;
    if (!keys?.success)
      throw new AppError('service_unavailable', 'the signing keys cannot be fetched', {
        headers: { 'Retry-After': '5' },
      });
    return keys.data;
  };
}
