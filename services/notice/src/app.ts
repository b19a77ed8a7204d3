import type Koa from 'koa';
import { createHttpApp, subscriptionRouter, type Logger } from '@roomstay/platform';
import { makeListNotices, makeTellCustomer, type InboxRepository } from './application/notices.ts';
import { noticeEventHandlers } from './adapters/events.ts';
import { noticeRouter } from './adapters/http.ts';

export interface NoticeAppDeps {
  /** APP_API_TOKEN: only the app's own sidecar, which presents it, may call. */
  appToken: string;
  inboxes: InboxRepository;
  logger: Logger;
  ready?: () => boolean;
}

export function createApp(deps: NoticeAppDeps): Koa {
  return createHttpApp({
    logger: deps.logger,
    callers: { sidecarToken: deps.appToken },
    ...(deps.ready ? { ready: deps.ready } : {}),
    routers: [
      noticeRouter(makeListNotices(deps.inboxes)),
      subscriptionRouter(noticeEventHandlers(makeTellCustomer(deps.inboxes)), deps.logger),
    ],
  });
}
