import type Koa from 'koa';
import { createHttpApp, type Logger } from '@roomstay/platform';
import type { Upstream } from './adapters/forward.ts';
import { authPassthrough, publicRouter } from './adapters/http.ts';
import { refuseUnsafePaths } from './adapters/paths.ts';
import { routes } from './adapters/routes.ts';
import type { TokenVerifier } from './adapters/tokens.ts';

export interface GatewayDeps {
  tokens: TokenVerifier;
  upstream: Upstream;
  logger: Logger;
  publicUrl: string;
  ready?: () => boolean;
}

export function createApp(deps: GatewayDeps): Koa {
  return createHttpApp({
    logger: deps.logger,
    // The ingress: its routes are public, and its sidecar never calls it.
    callers: 'anyone',
    ...(deps.ready ? { ready: deps.ready } : {}),
    rawMiddleware: [refuseUnsafePaths(), authPassthrough(deps.upstream)],
    routers: [publicRouter({ routes, tokens: deps.tokens, upstream: deps.upstream, publicUrl: deps.publicUrl })],
  });
}
