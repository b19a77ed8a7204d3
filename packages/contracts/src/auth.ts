// What the auth app and the gateway agree on about tokens.

/** The `aud` of every access token for this system's API. */
export const apiAudience = 'roomstay-api';

/** The resource indicator (RFC 8707) the API's access tokens are issued for. */
export const apiResource = 'urn:roomstay:api';

/** The first-party public client used by scripts and tests (password grant). */
export const firstPartyClientId = 'roomstay-cli';

/** Claims the gateway reads from a verified access token, besides the registered ones. */
export interface AccessTokenClaims {
  sub: string;
  name: string;
  role: 'customer' | 'admin';
  /** The grant the token was issued under: signing out revokes it, and with it the token. */
  grant_id: string;
}

/**
 * The browser's public client: authorization code with PKCE only, redirected
 * back to the site's own origin (the gateway's), never the password grant.
 */
export const webClientId = 'roomstay-web';

/** Where the site takes the browser back after sign-in and sign-out: its own front page. */
export const webRedirectUri = (issuer: string): string => `${new URL(issuer).origin}/`;
