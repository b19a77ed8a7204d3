// One payment per reservation: approved once ("Y"), refunded at most once.

export type PaymentStatus = 'Y' | 'REFUNDED';

export interface Payment {
  paymentId: string;
  reservationId: string;
  customerId: string;
  customerName: string;
  paymentPrice: number;
  paymentStatus: PaymentStatus;
  approvedAt: string;
  refundedAt: string | null;
}

export interface PaymentRequest {
  reservationId: string;
  customerId: string;
  customerName: string;
  paymentPrice: number;
}

export function approve(request: PaymentRequest, paymentId: string, now: string): Payment {
  return { ...request, paymentId, paymentStatus: 'Y', approvedAt: now, refundedAt: null };
}

export type Repeat =
  | { kind: 'same'; payment: Payment }
  | { kind: 'refused'; reason: 'refunded' | 'different-price' | 'different-customer' };

/**
 * Paying a reservation that already has a payment never charges again: the
 * same request gets the same payment; a different one is refused.
 */
export function repeatOf(existing: Payment, request: PaymentRequest): Repeat {
  if (existing.paymentStatus === 'REFUNDED') return { kind: 'refused', reason: 'refunded' };
  if (existing.customerId !== request.customerId) return { kind: 'refused', reason: 'different-customer' };
  if (existing.paymentPrice !== request.paymentPrice) return { kind: 'refused', reason: 'different-price' };
  return { kind: 'same', payment: existing };
}

/** Refunding is idempotent. */
export function refund(payment: Payment, now: string): Payment {
  return payment.paymentStatus === 'REFUNDED' ? payment : { ...payment, paymentStatus: 'REFUNDED', refundedAt: now };
}
