// The OAuth 2.0 / OpenID Connect server is oidc-provider; nothing here signs or
// parses tokens by hand. Access tokens are JWTs (ES256) for the API resource,
// carrying the account's name and role. Scripts and tests use the password
// grant of the first-party client, registered as an extension grant. The
// browser signs in with the authorization code flow and PKCE as the public
// client roomstay-web, through the interaction pages (interactions.ts), and
// signs out through RP-initiated logout (end_session).
import Provider, { errors, type Adapter, type Configuration, type KoaContextWithOIDC } from 'oidc-provider';
import { apiAudience, apiResource, firstPartyClientId, webClientId, webRedirectUri } from '@roomstay/contracts';
import type { AccountDirectory } from '../application/accounts.ts';
import type { PrivateJwk } from './key-store.ts';
import { errorPage, languageOf, logoutPage, signedOutPage } from './pages.ts';

export const ACCESS_TOKEN_TTL_SECONDS = 3600;
/** How long a browser stays signed in, and its grant with it. */
const SESSION_TTL_SECONDS = 14 * 24 * 3600;

const resourceServer = {
  scope: 'api',
  audience: apiAudience,
  accessTokenFormat: 'jwt',
  accessTokenTTL: ACCESS_TOKEN_TTL_SECONDS,
  jwt: { sign: { alg: 'ES256' } },
} as const;

export function createProvider(options: {
  issuer: string;
  jwks: { keys: PrivateJwk[] };
  accounts: AccountDirectory;
  /** Where sessions, grants and codes are kept (oidc-provider's own memory when absent: tests only). */
  adapter?: (model: string) => Adapter;
}): Provider {
  const { accounts } = options;
  const configuration: Configuration = {
    ...(options.adapter ? { adapter: options.adapter } : {}),
    clients: [
      {
        client_id: firstPartyClientId,
        token_endpoint_auth_method: 'none',
        id_token_signed_response_alg: 'ES256',
        grant_types: ['password'],
        response_types: [],
        redirect_uris: [],
      },
      {
        // The site in the browser: a public client (no secret can be kept
        // there), the code flow only, PKCE required (oidc-provider requires it
        // of every client without authentication), back to the site's origin.
        client_id: webClientId,
        token_endpoint_auth_method: 'none',
        id_token_signed_response_alg: 'ES256',
        grant_types: ['authorization_code'],
        response_types: ['code'],
        redirect_uris: [webRedirectUri(options.issuer)],
        post_logout_redirect_uris: [webRedirectUri(options.issuer)],
      },
    ],
    pkce: { required: () => true },
    // Every artifact's lifetime, which is also how long the store keeps it. A
    // password grant lives as long as the one token it gave (nothing renews
    // it); a browser's grant as long as its session.
    ttl: {
      AccessToken: ACCESS_TOKEN_TTL_SECONDS,
      AuthorizationCode: 60,
      IdToken: 3600,
      Interaction: 3600,
      Session: SESSION_TTL_SECONDS,
      Grant: (_ctx, grant) => (grant.clientId === firstPartyClientId ? ACCESS_TOKEN_TTL_SECONDS : SESSION_TTL_SECONDS),
    },
    // Absolute on the public origin: auth is reached through sidecars under
    // another host, and the browser must come back to the site's own origin.
    interactions: {
      url: (_ctx, interaction) => `${new URL(options.issuer).origin}/auth/interaction/${interaction.uid}`,
    },
    renderError: (ctx, out) => {
      ctx.type = 'html';
      ctx.body = errorPage(languageOf(uiLocalesOf(ctx)), { ...out });
    },
    jwks: options.jwks as Configuration['jwks'],
    scopes: ['openid', 'api'],
    features: {
      devInteractions: { enabled: false },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: (ctx, form) => {
          ctx.type = 'html';
          ctx.body = logoutPage(languageOf(uiLocalesOf(ctx)), form);
        },
        postLogoutSuccessSource: (ctx) => {
          ctx.type = 'html';
          ctx.body = signedOutPage(languageOf(uiLocalesOf(ctx)));
        },
      },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => apiResource,
        useGrantedResource: () => true,
        getResourceServerInfo: (_ctx, indicator) => {
          if (indicator !== apiResource) throw new errors.InvalidTarget();
          return resourceServer;
        },
      },
    },
    findAccount: (_ctx, sub) => (accounts.byId(sub) ? { accountId: sub, claims: () => ({ sub }) } : undefined),
    extraTokenClaims: (_ctx, token) => {
      const account =
        'accountId' in token && typeof token.accountId === 'string' ? accounts.byId(token.accountId) : undefined;
      // The grant names what a sign-out revokes: the gateway refuses a token whose grant is gone.
      const grant = 'grantId' in token && typeof token.grantId === 'string' ? { grant_id: token.grantId } : {};
      return account ? { name: account.name, role: account.role, ...grant } : undefined;
    },
  };
  const provider = new Provider(options.issuer, configuration);
  provider.proxy = true;
  provider.registerGrantType(
    'password',
    async (ctx: KoaContextWithOIDC) => {
      const { username, password } = ctx.oidc.params as { username?: unknown; password?: unknown };
      if (typeof username !== 'string' || typeof password !== 'string' || !username || !password) {
        throw new errors.InvalidRequest('username and password are required');
      }
      const account = await accounts.authenticate(username, password);
      if (!account) throw new errors.InvalidGrant('invalid username or password');
      const client = ctx.oidc.client;
      if (!client) throw new errors.InvalidClient();
      const grant = new provider.Grant({ accountId: account.accountId, clientId: client.clientId });
      grant.addResourceScope(apiResource, 'api');
      const grantId = await grant.save();
      const token = new provider.AccessToken({
        accountId: account.accountId,
        client,
        grantId,
        gty: 'password',
        scope: 'api',
      });
      token.resourceServer = new provider.ResourceServer(apiResource, resourceServer);
      const accessToken = await token.save();
      ctx.body = { access_token: accessToken, token_type: 'Bearer', expires_in: token.expiration, scope: token.scope };
    },
    ['username', 'password', 'scope', 'resource'],
  );
  return provider;
}

/** The language the site asked for, when the request carried one. */
function uiLocalesOf(ctx: KoaContextWithOIDC): unknown {
  const params = (ctx.oidc as { params?: Record<string, unknown> } | undefined)?.params;
  return params?.['ui_locales'] ?? ctx.query['ui_locales'];
}
