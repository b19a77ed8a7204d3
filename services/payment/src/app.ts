import type Koa from 'koa';
import { createHttpApp, type Faults, type Logger } from '@roomstay/platform';
import { makeApprovePayment, makeFindPayment, makeRefundPayment, type PaymentDeps } from './application/payments.ts';
import { paymentRouter } from './adapters/http.ts';

export interface PaymentAppDeps extends PaymentDeps {
  /** APP_API_TOKEN: only the app's own sidecar, which presents it, may call. */
  appToken: string;
  logger: Logger;
  ready?: () => boolean;
  /** Test profile only (FAULT_DELAY_MS, FAULT_FAILURE_RATE). */
  faults?: Faults | undefined;
}

export function createApp(deps: PaymentAppDeps): Koa {
  return createHttpApp({
    logger: deps.logger,
    callers: { sidecarToken: deps.appToken },
    ...(deps.ready ? { ready: deps.ready } : {}),
    ...(deps.faults ? { faults: deps.faults, faultPaths: ['/payments'] } : {}),
    routers: [
      paymentRouter({
        approvePayment: makeApprovePayment(deps),
        refundPayment: makeRefundPayment(deps),
        findPayment: makeFindPayment(deps),
      }),
    ],
  });
}
