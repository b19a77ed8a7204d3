// Bearer JWT verification against the auth app's JWKS, fetched through this
// app's sidecar: signature (ES256 only, never "none"), issuer, audience, expiry.
import { createLocalJWKSet, errors as joseErrors, jwtVerify, type JSONWebKeySet, type JWTVerifyGetKey } from 'jose';
import { apiAudience, type AccessTokenClaims } from '@roomstay/contracts';
import { AppError, type Caller } from '@roomstay/platform';

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

  async function check(token: string, keySet: JWTVerifyGetKey): Promise<Caller> {
    const { payload } = await jwtVerify<Partial<AccessTokenClaims>>(token, keySet, {
      issuer: options.issuer,
      audience: apiAudience,
      algorithms: ['ES256'],
      requiredClaims: ['sub', 'exp'],
    });
    const role = payload.role;
    if (!payload.sub || (role !== 'customer' && role !== 'admin')) throw unauthorized('the token carries no customer');
    return { customerId: payload.sub, name: payload.name ?? payload.sub, role };
  }

  return {
    async verify(authorization) {
      const match = /^Bearer ([\w-]+\.[\w-]+\.[\w-]+)$/i.exec(authorization ?? '');
      if (!match?.[1]) throw unauthorized('a bearer token is required');
      const token = match[1];
      try {
        return await check(token, keys ?? (await load()));
      } catch (error) {
        if (error instanceof AppError && error.code !== 'unauthorized') throw error;
        if (error instanceof joseErrors.JWKSNoMatchingKey && Date.now() - fetchedAt > 30_000) {
          return check(token, await load()).catch((again: unknown) => {
            throw unauthorized('the token is not valid', again);
          });
        }
        if (error instanceof AppError) throw error;
        throw unauthorized('the token is not valid', error);
      }
    },
  };
}
