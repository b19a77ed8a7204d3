import type Koa from 'koa';
import { createHttpApp, subscriptionRouter, type Logger } from '@roomstay/platform';
import { makeApplyEvent, makeGetMyPage, type MyPageStore } from './application/mypage.ts';
import { myPageEventHandlers } from './adapters/events.ts';
import { myPageRouter } from './adapters/http.ts';

export interface RoominfoAppDeps {
  /** APP_API_TOKEN: only the app's own sidecar, which presents it, may call. */
  appToken: string;
  store: MyPageStore;
  logger: Logger;
  ready?: () => boolean | Promise<boolean>;
}

export function createApp(deps: RoominfoAppDeps): Koa {
  return createHttpApp({
    logger: deps.logger,
    callers: { sidecarToken: deps.appToken },
    ...(deps.ready ? { ready: deps.ready } : {}),
    routers: [
      myPageRouter(makeGetMyPage(deps.store)),
      subscriptionRouter(myPageEventHandlers(makeApplyEvent(deps.store)), deps.logger),
    ],
  });
}
