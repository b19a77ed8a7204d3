import type { ApprovePayment, OutgoingEvent, PaymentResult, Payment } from '@roomstay/contracts';
import type { Versioned } from '@roomstay/platform';
import type { CatalogueRoom, Reservation, Stay } from '../domain/reservation.ts';

export interface ReservationRecord {
  reservation: Reservation;
  outbox: OutgoingEvent[];
}

export interface ReservationRepository {
  get(reservationId: string): Promise<Versioned<ReservationRecord> | undefined>;
  create(record: ReservationRecord): Promise<void>;
  replace(record: ReservationRecord, etag: string): Promise<void>;
}

/** The nights of one room that are taken: the consistency boundary of "no overlapping bookings". */
export interface RoomCalendar {
  bookings: Array<Stay & { reservationId: string }>;
}

export interface CalendarRepository {
  get(roomId: string): Promise<Versioned<RoomCalendar> | undefined>;
  /** Writes over `etag`, or creates when `etag` is null; throws ConcurrencyConflict on a lost race. */
  save(roomId: string, calendar: RoomCalendar, etag: string | null): Promise<void>;
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
  calendars: CalendarRepository;
  catalogue: CatalogueRepository;
  idempotency: IdempotencyRepository;
  payments: PaymentGateway;
  publish: (event: OutgoingEvent) => Promise<void>;
  clock: { now(): string };
  ids: { reservationId(): string };
}
