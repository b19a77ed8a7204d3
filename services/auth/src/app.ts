import type Koa from 'koa';
import mount from 'koa-mount';
import type Provider from 'oidc-provider';
import { createHttpApp, type Logger } from '@roomstay/platform';

/** The authorization server lives under /auth (token, jwks, discovery), as the gateway exposes it. */
export function createApp(deps: { provider: Provider; logger: Logger; appToken: string; ready?: () => boolean }): Koa {
  return createHttpApp({
    logger: deps.logger,
    callers: { sidecarToken: deps.appToken },
    ...(deps.ready ? { ready: deps.ready } : {}),
    routers: [],
    rawMiddleware: [mount('/auth', deps.provider)],
  });
}
