import type Koa from 'koa';
import { createHttpApp, type Faults, type Logger } from '@roomstay/platform';
import { makeApprovePayment, makeFindPayment, makeRefundPayment, type PaymentDeps } from './application/payments.ts';
import { paymentRouter } from './adapters/http.ts';

export interface PaymentAppDeps extends PaymentDeps {
  logger: Logger;
  ready?: () => boolean;
  /** Test profile only (FAULT_DELAY_MS, FAULT_FAILURE_RATE). */
  faults?: Faults | undefined;
}

export function createApp(deps: PaymentAppDeps): Koa {
  return createHttpApp({
    logger: deps.logger,
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
