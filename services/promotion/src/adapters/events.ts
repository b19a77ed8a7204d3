import type { EventHandlers } from '@roomstay/platform';
import type { GrantResult, RefundFacts } from '../application/promotions.ts';
import type { PaymentFacts, Promotion } from '../domain/promotion.ts';

/**
 * PaymentApproved is the guaranteed path to a grant (the synchronous call is
 * the fast one); PaymentRefunded revokes. Both are idempotent by payment.
 */
export function promotionEventHandlers(deps: {
  grantPromotion: (payment: PaymentFacts) => Promise<GrantResult>;
  revokePromotion: (refund: RefundFacts) => Promise<Promotion>;
}): EventHandlers {
  return {
    PaymentApproved: async ({ payload }) => {
      await deps.grantPromotion({ ...payload, paymentStatus: 'Y' });
      return 'handled';
    },
    PaymentRefunded: async ({ payload }) => {
      await deps.revokePromotion(payload);
      return 'handled';
    },
  };
}
