import type { OutgoingEvent } from '@roomstay/contracts';
import type { Promotion } from '../domain/promotion.ts';

/** Reads and writes inside one store transaction; synchronous, so nothing interleaves. */
export interface PromotionTx {
  find(paymentId: string): Promotion | undefined;
  put(promotion: Promotion): void;
  /** Enqueues an event in the outbox, in the same transaction as the state it reports. */
  enqueue(event: OutgoingEvent): void;
}

export interface OutboxEntry {
  seq: number;
  event: OutgoingEvent;
}

export interface PromotionStore {
  /** Runs `work` in one transaction and resolves once it is durable on disk. */
  transact<T>(work: (tx: PromotionTx) => T): Promise<T>;
  find(paymentId: string): Promise<Promotion | undefined>;
  /** Events not yet published, oldest first. */
  unpublished(limit: number): Promise<OutboxEntry[]>;
  markPublished(seqs: readonly number[]): Promise<void>;
}

export interface EventPublisher {
  publish(event: OutgoingEvent): Promise<void>;
}

export interface Clock {
  now(): string;
}

export interface IdSource {
  couponId(): string;
}
