import type Koa from 'koa';
import { createHttpApp, subscriptionRouter, type Logger } from '@roomstay/platform';
import { makeListNotices, makeTellCustomer, type NoticeRepository } from './application/notices.ts';
import { noticeEventHandlers } from './adapters/events.ts';
import { noticeRouter } from './adapters/http.ts';

export interface NoticeAppDeps {
  /** APP_API_TOKEN: only the app's own sidecar, which presents it, may call. */
  appToken: string;
  notices: NoticeRepository;
  logger: Logger;
  ready?: () => boolean;
}

export function createApp(deps: NoticeAppDeps): Koa {
  return createHttpApp({
    logger: deps.logger,
    callers: { sidecarToken: deps.appToken },
    ...(deps.ready ? { ready: deps.ready } : {}),
    routers: [
      noticeRouter(makeListNotices(deps.notices)),
      subscriptionRouter(noticeEventHandlers(makeTellCustomer(deps.notices)), deps.logger),
    ],
  });
}
