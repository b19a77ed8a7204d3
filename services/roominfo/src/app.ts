import type Koa from 'koa';
import { createHttpApp, subscriptionRouter, type Logger } from '@roomstay/platform';
import { makeApplyEvent, makeGetMyPage, type MyPageStore } from './application/mypage.ts';
import { myPageEventHandlers } from './adapters/events.ts';
import { myPageRouter } from './adapters/http.ts';

export interface RoominfoAppDeps {
  store: MyPageStore;
  logger: Logger;
  ready?: () => boolean | Promise<boolean>;
}

export function createApp(deps: RoominfoAppDeps): Koa {
  return createHttpApp({
    logger: deps.logger,
    ...(deps.ready ? { ready: deps.ready } : {}),
    routers: [
      myPageRouter(makeGetMyPage(deps.store)),
      subscriptionRouter(myPageEventHandlers(makeApplyEvent(deps.store)), deps.logger),
    ],
  });
}
