// gateway -> auth: the allow-listed /auth paths, passed through as they are
// (form bodies, OAuth's own error format), and the signing keys the gateway
// verifies tokens with (tokens.ts asks for them through the same edge).
import { generateKeyPairSync } from 'node:crypto';
import { z } from 'zod';
import { SigningKeys } from '../../../services/gateway/src/adapters/tokens.ts';
import { interaction, type InvocationContract } from '../support/contract.ts';
import { gatewayInteraction, type GatewayContract } from '../support/gateway.ts';

const form = { 'content-type': 'application/x-www-form-urlencoded' };
const signIn = (password?: string) =>
  new URLSearchParams({
    grant_type: 'password',
    client_id: 'roomstay-cli',
    username: 'alice',
    ...(password === undefined ? {} : { password }),
  }).toString();

/** What a client reads of a token answer, through the gateway. */
const TokenAnswer = z.object({
  access_token: z.string().min(1),
  token_type: z.literal('Bearer'),
  expires_in: z.number(),
});
/** OAuth's error answer; the gateway counts a 400 as a failed sign-in. */
const OAuthError = (error: string) => z.object({ error: z.literal(error) });
/** What a client reads of the discovery document. */
const Discovery = z.object({ issuer: z.url(), token_endpoint: z.url(), jwks_uri: z.url() });

/** A real key, so that the gateway's test can verify a token signed with its private half. */
const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
export const exampleSigningKey = { privateKey, kid: 'contract-key' };
const jwk = publicKey.export({ format: 'jwk' });
export const signingKeysExample = {
  keys: [
    {
      kty: 'EC' as const,
      crv: 'P-256' as const,
      x: jwk.x ?? '',
      y: jwk.y ?? '',
      kid: 'contract-key',
      alg: 'ES256' as const,
    },
  ],
};

export const gatewayAuth: GatewayContract = {
  consumer: 'gateway',
  provider: 'auth',
  interactions: [
    gatewayInteraction({
      route: 'POST /auth/token',
      description: 'sign in with the right password',
      state: 'alice has an account with password alice-pw',
      client: { method: 'POST', path: '/auth/token', headers: form, body: signIn('alice-pw') },
      request: { method: 'POST', path: '/auth/token', headers: form, body: signIn('alice-pw') },
      response: {
        status: 200,
        body: TokenAnswer,
        example: { access_token: 'eyJ.eyJ.sig', token_type: 'Bearer', expires_in: 3600 },
      },
    }),
    gatewayInteraction({
      route: 'POST /auth/token',
      description: 'sign in with a wrong password',
      state: 'alice has an account with password alice-pw',
      client: { method: 'POST', path: '/auth/token', headers: form, body: signIn('wrong') },
      request: { method: 'POST', path: '/auth/token', headers: form, body: signIn('wrong') },
      response: { status: 400, body: OAuthError('invalid_grant'), example: { error: 'invalid_grant' } },
    }),
    gatewayInteraction({
      route: 'POST /auth/token',
      description: 'sign in without a password',
      state: 'alice has an account with password alice-pw',
      client: { method: 'POST', path: '/auth/token', headers: form, body: signIn() },
      request: { method: 'POST', path: '/auth/token', headers: form, body: signIn() },
      response: { status: 400, body: OAuthError('invalid_request'), example: { error: 'invalid_request' } },
    }),
    gatewayInteraction({
      route: 'GET /auth/jwks',
      description: 'read the public signing keys',
      state: 'alice has an account with password alice-pw',
      client: { method: 'GET', path: '/auth/jwks' },
      request: { method: 'GET', path: '/auth/jwks' },
      response: { status: 200, body: SigningKeys, example: signingKeysExample },
    }),
    gatewayInteraction({
      route: 'GET /auth/.well-known/openid-configuration',
      description: 'read the discovery document',
      state: 'alice has an account with password alice-pw',
      client: { method: 'GET', path: '/auth/.well-known/openid-configuration' },
      request: { method: 'GET', path: '/auth/.well-known/openid-configuration' },
      response: {
        status: 200,
        body: Discovery,
        example: {
          issuer: 'http://localhost:8080/auth',
          token_endpoint: 'http://localhost:8080/auth/token',
          jwks_uri: 'http://localhost:8080/auth/jwks',
        },
      },
    }),
  ],
};

/** auth's answer on a grant: always an answer, never a refusal (a revoked grant is no failure of auth's). */
const GrantAnswer = z.object({ live: z.boolean() });

/** gateway -> auth, not a public route: whether the grant a token names still stands (tokens.ts). */
export const gatewayAuthGrants: InvocationContract = {
  consumer: 'gateway',
  provider: 'auth',
  interactions: [
    interaction({
      description: 'ask whether a standing grant stands',
      state: 'alice signed in under grant grant-of-alice',
      request: { method: 'GET', path: '/grants/grant-of-alice' },
      response: { status: 200, body: GrantAnswer, example: { live: true } },
    }),
    interaction({
      description: 'ask about a grant revoked by a sign-out',
      state: 'alice has an account with password alice-pw',
      request: { method: 'GET', path: '/grants/grant-of-alice' },
      response: { status: 200, body: GrantAnswer, example: { live: false } },
    }),
  ],
};
