import type Koa from 'koa';
import mount from 'koa-mount';
import type Provider from 'oidc-provider';
import { createHttpApp, type Logger } from '@roomstay/platform';

/** The authorization server lives under /auth (token, jwks, discovery), as the gateway exposes it. */
export function createApp(deps: { provider: Provider; logger: Logger; ready?: () => boolean }): Koa {
  return createHttpApp({
    logger: deps.logger,
    ...(deps.ready ? { ready: deps.ready } : {}),
    routers: [],
    rawMiddleware: [mount('/auth', deps.provider)],
  });
}
