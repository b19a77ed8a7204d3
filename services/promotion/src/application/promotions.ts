import { AppError } from '@roomstay/platform';
import {
  decideGrant,
  isPaid,
  revoke,
  revokedBeforeGrant,
  type PaymentFacts,
  type Promotion,
} from '../domain/promotion.ts';
import { promotionRevoked, promotionSaved } from './events.ts';
import type { Clock, IdSource, PromotionStore } from './ports.ts';

export interface PromotionDeps {
  store: PromotionStore;
  clock: Clock;
  ids: IdSource;
  /** Told after every commit that queued events, so they leave at once. */
  onCommitted: () => void;
}

export interface GrantResult {
  promotion: Promotion;
  created: boolean;
}

/**
 * Grants the promotion a paid payment earns, at most once per payment: the
 * synchronous call from payment and the PaymentApproved event both land here,
 * and whichever comes second finds the first one's grant.
 */
export function makeGrantPromotion({ store, clock, ids, onCommitted }: PromotionDeps) {
  return async function grantPromotion(payment: PaymentFacts): Promise<GrantResult> {
    if (!isPaid(payment)) {
      throw new AppError(
        'payment_not_approved',
        `payment ${payment.paymentId} is not paid (paymentStatus "${payment.paymentStatus}")`,
        {
          field: 'paymentStatus',
        },
      );
    }
    const result = await store.transact((tx): GrantResult => {
      const existing = tx.find(payment.paymentId);
      if (existing) return { promotion: existing, created: false };
      const now = clock.now();
      const decision = decideGrant(payment, ids.couponId(), now);
      if (decision.kind === 'refuse') throw new AppError('payment_not_approved', 'the payment is not paid');
      tx.put(decision.promotion);
      tx.enqueue(promotionSaved(decision.promotion, now));
      return { promotion: decision.promotion, created: true };
    });
    if (result.created) onCommitted();
    return result;
  };
}

export interface RefundFacts {
  paymentId: string;
  reservationId: string;
  customerId: string;
  paymentPrice: number;
}

/** Revokes what a refunded payment earned; idempotent. */
export function makeRevokePromotion({ store, clock, ids, onCommitted }: PromotionDeps) {
  return async function revokePromotion(refund: RefundFacts): Promise<Promotion> {
    const result = await store.transact((tx) => {
      const now = clock.now();
      const existing = tx.find(refund.paymentId);
      if (!existing) {
        const tombstone = revokedBeforeGrant({ ...refund, customerName: '' }, ids.couponId(), now);
        tx.put(tombstone);
        return { promotion: tombstone, changed: false };
      }
      if (existing.status === 'revoked') return { promotion: existing, changed: false };
      const revoked = revoke(existing, now);
      tx.put(revoked);
      tx.enqueue(promotionRevoked(revoked, now));
      return { promotion: revoked, changed: true };
    });
    if (result.changed) onCommitted();
    return result.promotion;
  };
}

export function makeFindPromotion({ store }: Pick<PromotionDeps, 'store'>) {
  return async function findPromotion(paymentId: string): Promise<Promotion> {
    const promotion = await store.find(paymentId);
    if (!promotion) throw new AppError('not_found', `no promotion for payment ${paymentId}`);
    return promotion;
  };
}
