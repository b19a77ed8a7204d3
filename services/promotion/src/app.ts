import type Koa from 'koa';
import { createHttpApp, type Faults, subscriptionRouter, type Logger } from '@roomstay/platform';
import type { grpc } from '@roomstay/platform/grpc';
import { makeFindPromotion, makeGrantPromotion, makeRevokePromotion } from './application/promotions.ts';
import type { Clock, IdSource, PromotionStore } from './application/ports.ts';
import { promotionEventHandlers } from './adapters/events.ts';
import { promotionGrpcServer } from './adapters/grpc.ts';
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

function useCases(deps: PromotionAppDeps) {
  const grantPromotion = makeGrantPromotion(deps);
  const revokePromotion = makeRevokePromotion(deps);
  const findPromotion = makeFindPromotion(deps);
  return {
    grantPromotion,
    findPromotion,
    events: promotionEventHandlers({ grantPromotion, revokePromotion }),
  };
}

/**
 * The HTTP adapter: probes (/health, /ready) for the kubelet and the launcher,
 * and payment's invocation and the events, which the sidecar delivers over
 * HTTP (dapr.yaml says why).
 */
export function createApp(deps: PromotionAppDeps): Koa {
  const { grantPromotion, findPromotion, events } = useCases(deps);
  return createHttpApp({
    logger: deps.logger,
    callers: { sidecarToken: deps.appToken },
    ...(deps.ready ? { ready: deps.ready } : {}),
    ...(deps.faults ? { faults: deps.faults, faultPaths: ['/promotions'] } : {}),
    routers: [promotionRouter({ grantPromotion, findPromotion }), subscriptionRouter(events, deps.logger)],
  });
}

/**
 * The gRPC adapter: Dapr's AppCallback (what a sidecar calls with appProtocol
 * grpc) and promotion's own promotions API (what the sidecars' gRPC proxying
 * reaches), over the same use cases. Nothing listens until the server is bound.
 */
export function createGrpcApp(deps: PromotionAppDeps): grpc.Server {
  return promotionGrpcServer({ ...useCases(deps), appToken: deps.appToken, logger: deps.logger, faults: deps.faults });
}
