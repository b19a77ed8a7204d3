import { Promotion, type PromotionOutcome, type SavePromotion } from '@roomstay/contracts';
import { type Logger } from '@roomstay/platform';
import { invoke, type DaprClient, type InvokeResult } from '@roomstay/platform/dapr';
import type { PromotionGateway } from '../application/ports.ts';

/**
 * What payment reads of a grant: the coupon, its service, the points and
 * whether it still stands (a grant asked again after a refund answers the
 * revoked promotion); nothing else.
 */
export const GrantAnswer = Promotion.pick({ couponId: true, service: true, point: true, status: true });

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
      const began = performance.now();
      let result: InvokeResult | undefined;
      let failure: unknown;
      try {
        result = await invoke(client, 'promotion', 'POST', '/promotions', body);
      } catch (error) {
        failure = error;
      }
      if (!result?.ok) {
        // How long the fallback took is what "fail fast" means: the chaos suite reads it from this line.
        const promotionCallMs = Math.round((performance.now() - began) * 10) / 10;
        // Whether the sidecar's breaker answered at once (open, or half-open and busy) without calling promotion.
        const circuitOpen = result
          ? /circuit breaker is open|too many requests/i.test(JSON.stringify(result.body))
          : false;
        const why = result ? { status: result.status, circuitOpen } : { err: failure };
        logger.warn({ ...why, paymentId: payment.paymentId, promotionCallMs }, 'promotion later');
        return { status: 'pending' };
      }
      const promotion = GrantAnswer.safeParse(result.body);
      if (!promotion.success) {
        logger.warn({ issues: promotion.error.issues }, 'promotion answered an unexpected body');
        return { status: 'pending' };
      }
      const { couponId, service, point, status } = promotion.data;
      // A revoked promotion earns the payer nothing: no coupon, service or points to show.
      if (status === 'revoked') return { status: 'revoked' };
      return { status: 'granted', couponId, service, point };
    },
  };
}
