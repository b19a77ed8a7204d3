import type Koa from 'koa';
import { createHttpApp, type Faults, subscriptionRouter, type Logger } from '@roomstay/platform';
import { makeFindPromotion, makeGrantPromotion, makeRevokePromotion } from './application/promotions.ts';
import type { Clock, IdSource, PromotionStore } from './application/ports.ts';
import { promotionEventHandlers } from './adapters/events.ts';
import { promotionRouter } from './adapters/http.ts';

export interface PromotionAppDeps {
  /** APP_API_TOKEN: only the app's own sidecar, which presents it, may call. */
  appToken: string;
  store: PromotionStore;
  clock: Clock;
  ids: IdSource;
  logger: Logger;
  onCommitted: () => void;
  ready?: () => boolean;
  /** Test profile only (FAULT_DELAY_MS, FAULT_FAILURE_RATE). */
  faults?: Faults | undefined;
}

export function createApp(deps: PromotionAppDeps): Koa {
  const grantPromotion = makeGrantPromotion(deps);
  const revokePromotion = makeRevokePromotion(deps);
  const findPromotion = makeFindPromotion(deps);
  return createHttpApp({
    logger: deps.logger,
    callers: { sidecarToken: deps.appToken },
    ...(deps.ready ? { ready: deps.ready } : {}),
    ...(deps.faults ? { faults: deps.faults, faultPaths: ['/promotions'] } : {}),
    routers: [
      promotionRouter({ grantPromotion, findPromotion }),
      subscriptionRouter(promotionEventHandlers({ grantPromotion, revokePromotion }), deps.logger),
    ],
  });
}
