import { SavePromotion, type Promotion as WirePromotion } from '@roomstay/contracts';
import { parse, requestBody, Router } from '@roomstay/platform';
import type { Promotion } from '../domain/promotion.ts';
import type { GrantResult } from '../application/promotions.ts';

export interface PromotionHttpDeps {
  grantPromotion: (payment: SavePromotion) => Promise<GrantResult>;
  findPromotion: (paymentId: string) => Promise<Promotion>;
}

export function toWire(p: Promotion): WirePromotion {
  return {
    couponId: p.couponId,
    paymentId: p.paymentId,
    reservationId: p.reservationId,
    customerId: p.customerId,
    customerName: p.customerName,
    paymentPrice: p.paymentPrice,
    paymentStatus: p.paymentStatus,
    service: p.service,
    point: p.point,
    status: p.status,
  };
}

/** POST /promotions keeps the original's field names (paymentId, paymentPrice, paymentStatus, ...). */
export function promotionRouter(deps: PromotionHttpDeps): Router {
  const router = new Router();
  router.post('/promotions', async (ctx) => {
    const { promotion, created } = await deps.grantPromotion(parse(SavePromotion, requestBody(ctx)));
    ctx.status = created ? 201 : 200;
    ctx.body = toWire(promotion);
  });
  router.get('/promotions/:paymentId', async (ctx) => {
    ctx.body = toWire(await deps.findPromotion(ctx.params['paymentId'] ?? ''));
  });
  return router;
}
