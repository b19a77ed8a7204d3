// In-memory ports of the reservation app, with the concurrency of Dapr state
// stores: first-write (etag null) over an existing key and writes over a stale
// ETag throw ConcurrencyConflict, and so does claiming a night that is taken. Values are copied in and out, as JSON would.
import type { ApprovePayment, OutgoingEvent, PaymentResult } from '@roomstay/contracts';
import { ConcurrencyConflict, type Versioned } from '@roomstay/platform';
import type {
  CatalogueRepository,
  CustomerHolds,
  HoldRepository,
  IdempotencyRepository,
  NightRepository,
  PaymentCall,
  PaymentGateway,
  RefundCall,
  ReservationRecord,
  ReservationRepository,
  StoredResponse,
} from '../../src/application/ports.ts';
import type { CatalogueRoom } from '../../src/domain/reservation.ts';

/** A keyed map of documents with ETags. */
class VersionedMap<T> {
  private readonly entries = new Map<string, Versioned<T>>();
  private version = 0;

  get(key: string): Versioned<T> | undefined {
    const entry = this.entries.get(key);
    return entry ? structuredClone(entry) : undefined;
  }

  /** etag null: only if absent; a string: only over that version. */
  save(key: string, value: T, etag: string | null): void {
    const current = this.entries.get(key);
    if (etag === null ? current !== undefined : current?.etag !== etag) {
      throw new ConcurrencyConflict(`${key} changed concurrently`);
    }
    this.entries.set(key, { value: structuredClone(value), etag: String(++this.version) });
  }

  values(): T[] {
    return [...this.entries.values()].map((entry) => structuredClone(entry.value));
  }
}

export class InMemoryReservations implements ReservationRepository {
  private readonly map = new VersionedMap<ReservationRecord>();
  async get(reservationId: string) {
    return this.map.get(reservationId);
  }
  async getMany(reservationIds: readonly string[]) {
    return reservationIds.map((id) => this.map.get(id));
  }
  async create(record: ReservationRecord) {
    this.map.save(record.reservation.reservationId, record, null);
  }
  async replace(record: ReservationRecord, etag: string) {
    this.map.save(record.reservation.reservationId, record, etag);
  }
  all(): ReservationRecord[] {
    return this.map.values();
  }
}

/** Taken nights, one per room and date: a claim takes all of its nights or none. */
export class InMemoryNights implements NightRepository {
  private readonly taken = new Map<string, string>();
  private readonly key = (roomId: string, date: string) => `${roomId}|${date}`;

  async claim(roomId: string, nights: readonly string[], reservationId: string): Promise<void> {
    if (nights.some((date) => this.taken.has(this.key(roomId, date)))) {
      throw new ConcurrencyConflict(`a night of ${roomId} is taken`);
    }
    for (const date of nights) this.taken.set(this.key(roomId, date), reservationId);
  }

  async release(roomId: string, nights: readonly string[], reservationId: string): Promise<void> {
    for (const date of nights) {
      if (this.taken.get(this.key(roomId, date)) === reservationId) this.taken.delete(this.key(roomId, date));
    }
  }

  /** The nights of a room that are taken, by date, and by whom. */
  of(roomId: string): Array<[date: string, reservationId: string]> {
    return [...this.taken.entries()]
      .filter(([key]) => key.startsWith(`${roomId}|`))
      .map(([key, reservationId]): [string, string] => [key.slice(roomId.length + 1), reservationId])
      .sort(([a], [b]) => a.localeCompare(b));
  }

  /** The reservations holding nights of a room, in the order of their first night. */
  holdersOf(roomId: string): string[] {
    return [...new Set(this.of(roomId).map(([, reservationId]) => reservationId))];
  }
}

export class InMemoryHolds implements HoldRepository {
  private readonly map = new VersionedMap<CustomerHolds>();
  async get(customerId: string) {
    return this.map.get(customerId);
  }
  async save(customerId: string, holds: CustomerHolds, etag: string | null) {
    this.map.save(customerId, holds, etag);
  }
}

export class InMemoryCatalogue implements CatalogueRepository {
  private readonly rooms = new Map<string, CatalogueRoom>();
  constructor(rooms: CatalogueRoom[] = []) {
    for (const room of rooms) this.rooms.set(room.roomId, room);
  }
  async get(roomId: string) {
    const room = this.rooms.get(roomId);
    return room ? { ...room } : undefined;
  }
  async put(room: CatalogueRoom) {
    this.rooms.set(room.roomId, { ...room });
  }
}

export class InMemoryIdempotency implements IdempotencyRepository {
  private readonly responses = new Map<string, StoredResponse>();
  async get(scope: string, key: string) {
    const response = this.responses.get(`${scope}:${key}`);
    return response ? structuredClone(response) : undefined;
  }
  async put(scope: string, key: string, response: StoredResponse) {
    // first write wins
    if (!this.responses.has(`${scope}:${key}`)) this.responses.set(`${scope}:${key}`, structuredClone(response));
  }
}

/** Payment as the reservation app sees it: approves (or what the test says) and records each call. */
export class FakePaymentGateway implements PaymentGateway {
  readonly approvals: ApprovePayment[] = [];
  readonly refunds: string[] = [];
  approveAs: 'approved' | 'unavailable' | 'refused' = 'approved';
  refundAs: 'refunded' | 'unavailable' = 'refunded';
  /** Every call in the order payment received it, e.g. `approve RSV-1`. */
  readonly log: string[] = [];
  /** When set, an approval waits for it before payment answers (a slow payment). */
  approvalGate: Promise<void> | undefined;

  async approve(request: ApprovePayment): Promise<PaymentCall> {
    this.approvals.push(structuredClone(request));
    await this.approvalGate;
    this.log.push(`approve ${request.reservationId}`);
    if (this.approveAs === 'unavailable') return { kind: 'unavailable' };
    if (this.approveAs === 'refused') {
      return {
        kind: 'refused',
        status: 409,
        body: { error: { code: 'reservation_not_payable', message: 'refunded' } },
      };
    }
    const result: PaymentResult = {
      payment: {
        paymentId: `PAY-${request.reservationId}`,
        reservationId: request.reservationId,
        customerId: request.customerId,
        paymentPrice: request.paymentPrice,
        paymentStatus: 'Y',
      },
      promotion: { status: 'pending' },
    };
    return { kind: 'approved', result };
  }

  async refund(reservationId: string): Promise<RefundCall> {
    this.refunds.push(reservationId);
    this.log.push(`refund ${reservationId}`);
    if (this.refundAs === 'unavailable') return { kind: 'unavailable' };
    return { kind: 'refunded', payment: null };
  }
}

export class RecordingPublisher {
  readonly published: OutgoingEvent[] = [];
  /** While set, publishing fails as the sidecar would when the broker is down. */
  down = false;
  readonly publish = async (event: OutgoingEvent): Promise<void> => {
    if (this.down) throw new Error(`publishing ${event.topic} failed`);
    this.published.push(structuredClone(event));
  };
  topics(): string[] {
    return this.published.map((event) => event.topic);
  }
}
