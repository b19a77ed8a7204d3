import type Koa from 'koa';
import { createHttpApp, subscriptionRouter, type Logger } from '@roomstay/platform';
import { makeCancelReservation } from './application/cancel-reservation.ts';
import { makePayReservation } from './application/pay-reservation.ts';
import { makePlaceReservation } from './application/place-reservation.ts';
import { makeReservationPolicies } from './application/policies.ts';
import { makeGetReservation } from './application/read-reservation.ts';
import type { ReservationDeps } from './application/ports.ts';
import { reservationEventHandlers } from './adapters/events.ts';
import { reservationRouter } from './adapters/http.ts';

export interface ReservationAppDeps extends ReservationDeps {
  /** APP_API_TOKEN: only the app's own sidecar, which presents it, may call. */
  appToken: string;
  logger: Logger;
  ready?: () => boolean;
}

export function createApp(deps: ReservationAppDeps): Koa {
  return createHttpApp({
    logger: deps.logger,
    callers: { sidecarToken: deps.appToken },
    ...(deps.ready ? { ready: deps.ready } : {}),
    routers: [
      reservationRouter({
        placeReservation: makePlaceReservation(deps),
        getReservation: makeGetReservation(deps),
        payReservation: makePayReservation(deps),
        cancelReservation: makeCancelReservation(deps),
      }),
      subscriptionRouter(reservationEventHandlers(makeReservationPolicies(deps)), deps.logger),
    ],
  });
}
