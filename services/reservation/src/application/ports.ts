import type { ApprovePayment, OutgoingEvent, PaymentResult, Payment } from '@roomstay/contracts';
import type { Versioned } from '@roomstay/platform';
import type { CatalogueRoom, Reservation } from '../domain/reservation.ts';

export interface ReservationRecord {
  reservation: Reservation;
  outbox: OutgoingEvent[];
}

export interface ReservationRepository {
  get(reservationId: string): Promise<Versioned<ReservationRecord> | undefined>;
  create(record: ReservationRecord): Promise<void>;
  replace(record: ReservationRecord, etag: string): Promise<void>;
}

/**
 * Taken nights, one record per room and night, written first-write-wins: the
 * consistency boundary of "no overlapping bookings" is the night, so bookings
 * of other nights of the same room never contend.
 */
export interface NightRepository {
  /** Takes every night for the reservation, or none; throws ConcurrencyConflict when one is taken. */
  claim(roomId: string, nights: readonly string[], reservationId: string): Promise<void>;
  /** Frees the nights this reservation holds; other reservations' nights are left alone. */
  release(roomId: string, nights: readonly string[], reservationId: string): Promise<void>;
}

export interface CatalogueRepository {
  get(roomId: string): Promise<CatalogueRoom | undefined>;
  put(room: CatalogueRoom): Promise<void>;
}

export interface StoredResponse {
  fingerprint: string;
  status: number;
  body: unknown;
}

export interface IdempotencyRepository {
  get(scope: string, key: string): Promise<StoredResponse | undefined>;
  /** First write wins; a later one for the same key is ignored. */
  put(scope: string, key: string, response: StoredResponse): Promise<void>;
}

export type PaymentCall =
  | { kind: 'approved'; result: PaymentResult }
  | { kind: 'refused'; status: number; body: unknown }
  | { kind: 'unavailable' };

export type RefundCall = { kind: 'refunded'; payment: Payment | null } | { kind: 'unavailable' };

/** Synchronous calls to payment, under dapr/resiliency.yaml's payment policy. */
export interface PaymentGateway {
  approve(request: ApprovePayment): Promise<PaymentCall>;
  refund(reservationId: string): Promise<RefundCall>;
}

export interface ReservationDeps {
  reservations: ReservationRepository;
  nights: NightRepository;
  catalogue: CatalogueRepository;
  idempotency: IdempotencyRepository;
  payments: PaymentGateway;
  publish: (event: OutgoingEvent) => Promise<void>;
  clock: { now(): string };
  ids: { reservationId(): string };
  /**
   * Reservations whose events could not be published yet, swept on a timer.
   * Best effort, in memory: the next touch of a reservation settles it too.
   */
  owed: Set<string>;
}
