import { ApprovePayment, type PaymentResult, type Payment } from '@roomstay/contracts';
import { parse, requestBody, Router } from '@roomstay/platform';
import type { PaymentRequest } from '../domain/payment.ts';

export interface PaymentHttpDeps {
  approvePayment: (request: PaymentRequest) => Promise<PaymentResult>;
  refundPayment: (reservationId: string) => Promise<Payment | undefined>;
  findPayment: (reservationId: string) => Promise<Payment>;
}

export function paymentRouter(deps: PaymentHttpDeps): Router {
  const router = new Router();
  router.post('/payments', async (ctx) => {
    ctx.body = await deps.approvePayment(parse(ApprovePayment, requestBody(ctx)));
  });
  router.get('/payments/:reservationId', async (ctx) => {
    ctx.body = await deps.findPayment(ctx.params['reservationId'] ?? '');
  });
  /** Refund by reservation; `{ payment: null }` when it was never paid. */
  router.post('/payments/:reservationId/refund', async (ctx) => {
    ctx.body = { payment: (await deps.refundPayment(ctx.params['reservationId'] ?? '')) ?? null };
  });
  return router;
}
