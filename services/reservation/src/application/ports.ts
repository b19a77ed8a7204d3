import type { ApprovePayment, OutgoingEvent, PaymentResult, Payment } from '@roomstay/contracts';
import type { DueEntry, Outbox, Versioned } from '@roomstay/platform';
import type { CatalogueRoom, Reservation } from '../domain/reservation.ts';

export interface ReservationRecord {
  reservation: Reservation;
  outbox: OutgoingEvent[];
}

export interface ReservationRepository {
  get(reservationId: string): Promise<Versioned<ReservationRecord> | undefined>;
  /** Several at once, in the order asked; undefined where there is none. */
  getMany(reservationIds: readonly string[]): Promise<Array<Versioned<ReservationRecord> | undefined>>;
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

/** What letting an unpaid hold go needs, even when its reservation was never written. */
export interface Hold {
  reservationId: string;
  customerId: string;
  roomId: string;
  checkIn: string;
  checkOut: string;
}

/** A customer's holds that may still be unpaid, each with the time it runs out. */
export interface CustomerHolds {
  holds: Array<{ reservationId: string; expiresAt: string }>;
}

export interface HoldRepository {
  /** The customer's holds (one document per customer: the cap is checked and taken in one write). */
  get(customerId: string): Promise<Versioned<CustomerHolds> | undefined>;
  /** etag null: only if the customer has no document yet. Throws ConcurrencyConflict on a lost race. */
  save(customerId: string, holds: CustomerHolds, etag: string | null): Promise<void>;
}

/** Holds by the time they run out, durable (platform's DueList). */
export interface ExpirySchedule {
  add(entry: DueEntry<Hold>): Promise<void>;
  takeDue(now: number, handle: (entries: Array<DueEntry<Hold>>) => Promise<void>): Promise<number>;
}

/** How long an unpaid reservation holds its nights, and how many one customer may hold at once (0: no cap). */
export interface HoldPolicy {
  holdMs: number;
  limit: number;
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
  holds: HoldRepository;
  expiries: ExpirySchedule;
  holdPolicy: HoldPolicy;
  payments: PaymentGateway;
  publish: (event: OutgoingEvent) => Promise<void>;
  /**
   * A stable digest of a request: an Idempotency-Key replays its first answer
   * only to the request it was first used for.
   */
  fingerprint: (request: unknown) => string;
  clock: { now(): string };
  ids: { reservationId(): string };
  /** The events reservations owe, by reservation id (platform's outbox, with its relay). */
  outbox: Outbox<ReservationRecord>;
}
