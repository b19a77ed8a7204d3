// In-memory ports of the payment app. The repository behaves like a Dapr state
// store with first-write and ETag concurrency: create over an existing record
// and replace over a stale ETag throw ConcurrencyConflict.
import type { OutgoingEvent, PromotionOutcome } from '@roomstay/contracts';
import { AppError, ConcurrencyConflict, type Versioned } from '@roomstay/platform';
import type { PaymentRecord, PaymentRepository, PromotionGateway } from '../../src/application/ports.ts';
import type { Payment } from '../../src/domain/payment.ts';

export class InMemoryPaymentRepository implements PaymentRepository {
  private readonly records = new Map<string, Versioned<PaymentRecord>>();
  private version = 0;
  /** Every create asked for, including those that lost. */
  createAttempts = 0;
  /** Called before each create and replace: a test makes another writer win (or the store fail) here. */
  beforeCreate: (record: PaymentRecord) => Promise<void> | void = () => undefined;
  beforeReplace: (record: PaymentRecord) => Promise<void> | void = () => undefined;

  async get(reservationId: string): Promise<Versioned<PaymentRecord> | undefined> {
    const stored = this.records.get(reservationId);
    return stored ? structuredClone(stored) : undefined;
  }

  async create(record: PaymentRecord): Promise<void> {
    this.createAttempts++;
    await this.beforeCreate(record);
    const key = record.payment.reservationId;
    if (this.records.has(key)) throw new ConcurrencyConflict(`payment:${key} exists`);
    this.records.set(key, { value: structuredClone(record), etag: String(++this.version) });
  }

  async replace(record: PaymentRecord, etag: string): Promise<void> {
    await this.beforeReplace(record);
    const key = record.payment.reservationId;
    if (this.records.get(key)?.etag !== etag) throw new ConcurrencyConflict(`payment:${key} changed`);
    this.records.set(key, { value: structuredClone(record), etag: String(++this.version) });
  }

  /** Writes as another replica would, whatever is stored. */
  writeElsewhere(record: PaymentRecord): void {
    this.records.set(record.payment.reservationId, { value: structuredClone(record), etag: String(++this.version) });
  }

  /** Every stored record, for assertions. */
  all(): PaymentRecord[] {
    return [...this.records.values()].map((stored) => structuredClone(stored.value));
  }
}

/** Answers what the test says and remembers what it was asked. */
export class FakePromotionGateway implements PromotionGateway {
  readonly asked: Payment[] = [];
  answer: (payment: Payment) => PromotionOutcome = (payment) => ({
    status: 'granted',
    couponId: `CPN-${payment.paymentId}`,
    service: payment.paymentPrice >= 100_000 ? 'DISCOUNT COUPON' : payment.paymentPrice >= 50_000 ? 'BEVERAGE' : null,
    point: Math.floor(payment.paymentPrice / 10),
  });

  async grant(payment: Payment): Promise<PromotionOutcome> {
    this.asked.push(structuredClone(payment));
    return this.answer(payment);
  }
}

/** Records what was published; while `down`, fails as publishEvent does when the sidecar reports a failure. */
export class RecordingPublisher {
  readonly published: OutgoingEvent[] = [];
  attempts = 0;
  down = false;

  readonly publish = async (event: OutgoingEvent): Promise<void> => {
    this.attempts++;
    if (this.down) throw new AppError('service_unavailable', `publishing ${event.topic} failed`);
    this.published.push(structuredClone(event));
  };

  topics(): string[] {
    return this.published.map((event) => event.topic);
  }
}
