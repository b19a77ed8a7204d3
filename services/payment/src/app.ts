import type Koa from 'koa';
import { createHttpApp, type Logger } from '@roomstay/platform';
import { makeApprovePayment, makeFindPayment, makeRefundPayment, type PaymentDeps } from './application/payments.ts';
import { paymentRouter } from './adapters/http.ts';

export interface PaymentAppDeps extends PaymentDeps {
  logger: Logger;
  ready?: () => boolean;
}

export function createApp(deps: PaymentAppDeps): Koa {
  return createHttpApp({
    logger: deps.logger,
    ...(deps.ready ? { ready: deps.ready } : {}),
    routers: [
      paymentRouter({
        approvePayment: makeApprovePayment(deps),
        refundPayment: makeRefundPayment(deps),
        findPayment: makeFindPayment(deps),
      }),
    ],
  });
}
