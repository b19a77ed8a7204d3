// Bearer JWT verification against the auth app's JWKS, fetched through this
// app's sidecar: signature (ES256 only, never "none"), issuer, audience, expiry,
// and the grant the token was issued under still standing (a sign-out revokes it).
import { z } from 'zod';
import { createLocalJWKSet, errors as joseErrors, jwtVerify, type JSONWebKeySet, type JWTVerifyGetKey } from 'jose';
import { apiAudience, type AccessTokenClaims } from '@roomstay/contracts';
import { AppError, type Caller } from '@roomstay/platform';
import { invoke, type DaprClient } from '@roomstay/platform/dapr';

export interface TokenVerifier {
  verify(authorization: string | undefined): Promise<Caller>;
}

/** Whether a grant still stands; throws when that cannot be known now (auth unreachable). */
export type GrantCheck = (grantId: string) => Promise<boolean>;

/** How long a grant found standing is believed before auth is asked again. */
export const GRANT_RECHECK_MS = 5_000;

/**
 * Fetches the JWKS when first needed and again (at most every 30 s) when a
 * token names an unknown key. Asks `grants` whether a token's grant stands at
 * its first use and again every GRANT_RECHECK_MS while it is used: a grant
 * once found revoked is refused for good; while auth cannot answer, the last
 * answer holds (a grant never asked about passes on its signature alone, as
 * the ingress keeps serving while auth is away).
 */
export function jwksVerifier(options: {
  issuer: string;
  fetchJwks: () => Promise<JSONWebKeySet>;
  grants: GrantCheck;
  now?: () => number;
}): TokenVerifier {
  const now = options.now ?? Date.now;
  let keys: JWTVerifyGetKey | undefined;
  let fetchedAt = 0;
  const load = async () => {
    keys = createLocalJWKSet(await options.fetchJwks());
    fetchedAt = now();
    return keys;
  };
  const unauthorized = (message: string, cause?: unknown) =>
    new AppError('unauthorized', message, { cause, headers: { 'WWW-Authenticate': 'Bearer realm="roomstay"' } });

  async function check(
    token: string,
    keySet: JWTVerifyGetKey,
  ): Promise<{ caller: Caller; exp: number; grantId: string }> {
    const { payload } = await jwtVerify<Partial<AccessTokenClaims>>(token, keySet, {
      issuer: options.issuer,
      audience: apiAudience,
      algorithms: ['ES256'],
      requiredClaims: ['sub', 'exp', 'grant_id'],
    });
    const role = payload.role;
    if (!payload.sub || (role !== 'customer' && role !== 'admin')) throw unauthorized('the token carries no customer');
    if (typeof payload.grant_id !== 'string') throw unauthorized('the token names no grant');
    return {
      caller: { customerId: payload.sub, name: payload.name ?? payload.sub, role },
      exp: payload.exp ?? 0,
      grantId: payload.grant_id,
    };
  }

  // What auth last said of each grant in use, and when; one question at a time per grant.
  const grants = new Map<string, { live: boolean; at: number; asking?: Promise<boolean> }>();
  const stands = async (grantId: string): Promise<boolean> => {
    const known = grants.get(grantId);
    if (known && !known.live) return false;
    if (known && now() - known.at < GRANT_RECHECK_MS) return true;
    if (known?.asking) return known.asking;
    const asking = options.grants(grantId).then(
      (live) => {
        bounded(grants, grantId, { live, at: now() });
        return live;
      },
      () => {
        grants.delete(grantId);
        if (known) bounded(grants, grantId, { live: known.live, at: known.at });
        return known?.live ?? true;
      },
    );
    bounded(grants, grantId, { live: known?.live ?? true, at: known?.at ?? 0, asking });
    return asking;
  };

  // Tokens already verified, until they expire: a client sends the same token
  // with every request, and verifying an ES256 signature each time is most of
  // what a request costs the ingress. Bounded; the oldest entries go first.
  const verified = new Map<string, { caller: Caller; expiresAt: number; grantId: string }>();
  const remember = ({ caller, exp, grantId }: { caller: Caller; exp: number; grantId: string }, token: string) =>
    bounded(verified, token, { caller, expiresAt: exp * 1000, grantId });
  const standing = async (token: string, grantId: string): Promise<void> => {
    if (await stands(grantId)) return;
    verified.delete(token);
    throw unauthorized('the token was revoked: its holder signed out');
  };

  const verifySignature = async (token: string) => {
    try {
      return await check(token, keys ?? (await load()));
    } catch (error) {
      if (error instanceof AppError && error.code !== 'unauthorized') throw error;
      if (error instanceof joseErrors.JWKSNoMatchingKey && now() - fetchedAt > 30_000) {
        return check(token, await load()).catch((again: unknown) => {
          throw unauthorized('the token is not valid', again);
        });
      }
      if (error instanceof AppError) throw error;
      throw unauthorized('the token is not valid', error);
    }
  };

  return {
    async verify(authorization) {
      const match = /^Bearer ([\w-]+\.[\w-]+\.[\w-]+)$/i.exec(authorization ?? '');
      if (!match?.[1]) throw unauthorized('a bearer token is required');
      const token = match[1];
      const known = verified.get(token);
      if (known && known.expiresAt > now()) {
        await standing(token, known.grantId);
        return known.caller;
      }
      if (known) verified.delete(token);
      const checked = await verifySignature(token);
      await standing(token, checked.grantId);
      remember(checked, token);
      return checked.caller;
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

/** A map of at most 10,000 entries: the oldest goes first. */
function bounded<V>(map: Map<string, V>, key: string, value: V): void {
  map.delete(key);
  if (map.size >= 10_000) {
    const oldest = map.keys().next().value;
    if (oldest !== undefined) map.delete(oldest);
  }
  map.set(key, value);
}

const GrantAnswer = z.object({ live: z.boolean() });

/**
 * auth's answer on a grant, asked through the sidecar (GET /grants/<id>:
 * `{ live }`, never a refusal); throws when there is none to be had.
 */
export function daprGrants(client: DaprClient): GrantCheck {
  return async (grantId) => {
    const result = await invoke(client, 'auth', 'GET', `/grants/${encodeURIComponent(grantId)}`);
    const answer = result.ok ? GrantAnswer.safeParse(result.body) : undefined;
    if (!answer?.success) throw new Error(`auth gave no answer on grant ${grantId}`);
    return answer.data.live;
  };
}
