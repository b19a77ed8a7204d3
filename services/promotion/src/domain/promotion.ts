// The promotion rule of the original, exact at its boundaries, and the life of
// one promotion: granted once per paid payment, revoked when it is refunded.

export type Service = 'DISCOUNT COUPON' | 'BEVERAGE';

/** A payment as promotion sees it, with the original's field names. */
export interface PaymentFacts {
  paymentId: string;
  reservationId: string;
  customerId: string;
  customerName: string;
  paymentPrice: number;
  paymentStatus: string;
}

export type PromotionStatus = 'granted' | 'revoked';

export interface Promotion {
  couponId: string;
  paymentId: string;
  reservationId: string;
  customerId: string;
  customerName: string;
  paymentPrice: number;
  paymentStatus: 'Y';
  service: Service | null;
  point: number;
  status: PromotionStatus;
  grantedAt: string;
  revokedAt: string | null;
}

export const COUPON_THRESHOLD = 100_000;
export const BEVERAGE_THRESHOLD = 50_000;

/** `paymentStatus` "Y" means paid; anything else is not. */
export const isPaid = (payment: Pick<PaymentFacts, 'paymentStatus'>): boolean => payment.paymentStatus === 'Y';

/** >= 100,000: DISCOUNT COUPON; 50,000 .. 99,999: BEVERAGE; below: no service. */
export function serviceFor(paymentPrice: number): Service | null {
  if (paymentPrice >= COUPON_THRESHOLD) return 'DISCOUNT COUPON';
  if (paymentPrice >= BEVERAGE_THRESHOLD) return 'BEVERAGE';
  return null;
}

/** Payment price / 10, rounded down, when paid; else 0. */
export function pointsFor(payment: Pick<PaymentFacts, 'paymentPrice' | 'paymentStatus'>): number {
  return isPaid(payment) ? Math.floor(payment.paymentPrice / 10) : 0;
}

export type GrantDecision = { kind: 'grant'; promotion: Promotion } | { kind: 'refuse'; reason: 'unpaid' };

/** An unpaid payment never earns a promotion. */
export function decideGrant(payment: PaymentFacts, couponId: string, now: string): GrantDecision {
  if (!isPaid(payment)) return { kind: 'refuse', reason: 'unpaid' };
  return {
    kind: 'grant',
    promotion: {
      couponId,
      paymentId: payment.paymentId,
      reservationId: payment.reservationId,
      customerId: payment.customerId,
      customerName: payment.customerName,
      paymentPrice: payment.paymentPrice,
      paymentStatus: 'Y',
      service: serviceFor(payment.paymentPrice),
      point: pointsFor(payment),
      status: 'granted',
      grantedAt: now,
      revokedAt: null,
    },
  };
}

/** Revoking is idempotent: a revoked promotion stays as it was revoked. */
export function revoke(promotion: Promotion, now: string): Promotion {
  return promotion.status === 'revoked' ? promotion : { ...promotion, status: 'revoked', revokedAt: now };
}

/**
 * A refund that arrives before any grant leaves a revoked record with no
 * service and no points, so a late grant for that payment is refused.
 */
export function revokedBeforeGrant(
  payment: Omit<PaymentFacts, 'paymentStatus'>,
  couponId: string,
  now: string,
): Promotion {
  return {
    couponId,
    paymentId: payment.paymentId,
    reservationId: payment.reservationId,
    customerId: payment.customerId,
    customerName: payment.customerName,
    paymentPrice: payment.paymentPrice,
    paymentStatus: 'Y',
    service: null,
    point: 0,
    status: 'revoked',
    grantedAt: now,
    revokedAt: now,
  };
}
