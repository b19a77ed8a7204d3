import { Promotion, type PromotionOutcome, type SavePromotion } from '@roomstay/contracts';
import { invoke, type DaprClient, type Logger } from '@roomstay/platform';
import type { PromotionGateway } from '../application/ports.ts';

/**
 * POST /promotions on the promotion app through the sidecar, under the
 * promotion policy of dapr/resiliency.yaml (timeout, retries, circuit breaker).
 * Any failure there is the fallback: "promotion later".
 */
export function daprPromotionGateway(client: DaprClient, logger: Logger): PromotionGateway {
  return {
    async grant(payment): Promise<PromotionOutcome> {
      const body: SavePromotion = {
        paymentId: payment.paymentId,
        reservationId: payment.reservationId,
        customerId: payment.customerId,
        customerName: payment.customerName,
        paymentPrice: payment.paymentPrice,
        paymentStatus: payment.paymentStatus,
      };
      const result = await invoke(client, 'promotion', 'POST', '/promotions', body).catch((error: unknown) => {
        logger.warn({ err: error }, 'promotion unreachable');
        return undefined;
      });
      if (!result?.ok) {
        if (result) logger.warn({ status: result.status, paymentId: payment.paymentId }, 'promotion later');
        return { status: 'pending' };
      }
      const promotion = Promotion.safeParse(result.body);
      if (!promotion.success) {
        logger.warn({ issues: promotion.error.issues }, 'promotion answered an unexpected body');
        return { status: 'pending' };
      }
      const { couponId, service, point } = promotion.data;
      return { status: 'saved', couponId, service, point };
    },
  };
}
