import type Koa from 'koa';
import { createHttpApp, type Logger } from '@roomstay/platform';
import type { Upstream } from './adapters/forward.ts';
import { authPassthrough, countRequests, publicRouter } from './adapters/http.ts';
import type { Limits } from './adapters/limits.ts';
import { refuseUnsafePaths } from './adapters/paths.ts';
import { routes } from './adapters/routes.ts';
import { securityHeaders, serveSite, type Site } from './adapters/site.ts';
import type { TokenVerifier } from './adapters/tokens.ts';

export interface GatewayDeps {
  tokens: TokenVerifier;
  upstream: Upstream;
  limits: Limits;
  /** Behind a proxy that sets X-Forwarded-For (Kubernetes' ingress): clients are known by it. */
  trustProxy?: boolean;
  logger: Logger;
  publicUrl: string;
  /** The site's static files (packages/web), served on the API's origin. */
  site?: Site;
  ready?: () => boolean;
}

export function createApp(deps: GatewayDeps): Koa {
  const app = createHttpApp({
    logger: deps.logger,
    // The ingress: its routes are public, and its sidecar never calls it.
    callers: 'anyone',
    ...(deps.ready ? { ready: deps.ready } : {}),
    rawMiddleware: [
      securityHeaders(),
      refuseUnsafePaths(),
      countRequests(deps.limits, deps.tokens),
      ...(deps.site ? [serveSite(deps.site)] : []),
      authPassthrough(deps.upstream, deps.limits),
    ],
    routers: [publicRouter({ routes, tokens: deps.tokens, upstream: deps.upstream, publicUrl: deps.publicUrl })],
  });
  app.proxy = deps.trustProxy ?? false;
  return app;
}
