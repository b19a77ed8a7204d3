import type { OutgoingEvent, PromotionOutcome } from '@roomstay/contracts';
import type { Versioned } from '@roomstay/platform';
import type { Payment } from '../domain/payment.ts';

/** The stored payment with the events its last change owes the world (outbox). */
export interface PaymentRecord {
  payment: Payment;
  outbox: OutgoingEvent[];
}

export interface PaymentRepository {
  /** By reservation: there is at most one payment per reservation. */
  get(reservationId: string): Promise<Versioned<PaymentRecord> | undefined>;
  /** Creates the record; throws ConcurrencyConflict if one exists already. */
  create(record: PaymentRecord): Promise<void>;
  /** Replaces the record if it is still at `etag`; else throws ConcurrencyConflict. */
  replace(record: PaymentRecord, etag: string): Promise<void>;
}

/** The synchronous call to promotion: granted, or pending when promotion is slow, down or its circuit is open. */
export interface PromotionGateway {
  grant(payment: Payment): Promise<PromotionOutcome>;
}

export interface Clock {
  now(): string;
}

export interface IdSource {
  paymentId(): string;
}
