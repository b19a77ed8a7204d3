import type Koa from 'koa';
import mount from 'koa-mount';
import type Provider from 'oidc-provider';
import { createHttpApp, type Logger } from '@roomstay/platform';
import type { AccountDirectory } from './application/accounts.ts';
import { grantRouter } from './adapters/grants.ts';
import { interactionPages } from './adapters/interactions.ts';

/**
 * The authorization server lives under /auth (token, jwks, discovery, the
 * authorization endpoint, its interaction pages, end_session), as the gateway
 * exposes it.
 */
export function createApp(deps: {
  provider: Provider;
  accounts: AccountDirectory;
  /** The public issuer URL: the origin every URL auth builds for a browser is on. */
  issuer: string;
  logger: Logger;
  appToken: string;
  ready?: () => boolean;
}): Koa {
  const publicOrigin = new URL(deps.issuer);
  const app = createHttpApp({
    logger: deps.logger,
    callers: { sidecarToken: deps.appToken },
    ...(deps.ready ? { ready: deps.ready } : {}),
    routers: [grantRouter(deps.provider)],
    rawMiddleware: [
      // auth is reached through its sidecar, on an address of its own; the
      // URLs it gives a browser (the interaction's return, cookie paths) must
      // be on the public origin, whatever Host or X-Forwarded-* came in.
      async (ctx, next) => {
        ctx.req.headers['x-forwarded-host'] = publicOrigin.host;
        ctx.req.headers['x-forwarded-proto'] = publicOrigin.protocol.replace(':', '');
        await next();
      },
      interactionPages(deps.provider, deps.accounts),
      mount('/auth', deps.provider),
    ],
  });
  app.proxy = true;
  return app;
}
