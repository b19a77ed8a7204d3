import { z } from 'zod';
import { OutgoingEvent, reservationStatuses } from '@roomstay/contracts';
import { DueList, withOptimisticConcurrency } from '@roomstay/platform';
import { DaprStateStore, type DaprClient } from '@roomstay/platform/dapr';
import { flowIsOver, type CatalogueRoom } from '../domain/reservation.ts';
import {
  archivedReservations,
  type LiveDocument as LiveReservationDocument,
  type StoredReservation,
} from './archived-reservations.ts';
import type {
  CatalogueRepository,
  CustomerHolds,
  ExpirySchedule,
  Hold,
  HoldRepository,
  NightRepository,
  IdempotencyRepository,
  ReservationRepository,
  StoredResponse,
} from '../application/ports.ts';

const DAY_SECONDS = 86_400;
/** How long an Idempotency-Key's first answer is replayed (the IETF draft's and the usual 24 hours). */
const IDEMPOTENCY_SECONDS = DAY_SECONDS;

/**
 * What reservation keeps: the live business in Redis through its sidecar
 * (components/statestore-reservation.yaml), reservations whose flow is over in
 * its archive in PostgreSQL (components/statestore-reservation-archive.yaml).
 * What only the future needs expires: a night once it has passed, an
 * Idempotency-Key's answer after a day.
 */
export function daprRepositories(
  client: DaprClient,
  options: { now: () => number; onMoveFailed: (reservationId: string, error: unknown) => void },
  storeName = 'reservation-store',
  archiveName = 'reservation-archive',
): {
  reservations: ReservationRepository;
  nights: NightRepository;
  catalogue: CatalogueRepository;
  idempotency: IdempotencyRepository;
  holds: HoldRepository;
  expiries: ExpirySchedule;
  /** Reservations that owe events, for the outbox's relay. */
  owed: DueList<string>;
} {
  const live = new DaprStateStore(client, storeName, LiveDocument);
  const archive = new DaprStateStore(client, archiveName, StoredReservation);
  const nights = new DaprStateStore(client, storeName, Night);
  const rooms = new DaprStateStore(client, storeName, StoredCatalogueRoom);
  const responses = new DaprStateStore(client, storeName, StoredResponseDocument);
  const customerHolds = new DaprStateStore(client, storeName, CustomerHoldsDocument);
  const key = {
    reservation: (id: string) => `reservation:${id}`,
    night: (roomId: string, date: string) => `night:${roomId}:${date}`,
    room: (roomId: string) => `room:${roomId}`,
    idempotency: (scope: string, k: string) => `idempotency:${scope}:${k}`,
    holds: (customerId: string) => `holds:${customerId}`,
  };
  /** A taken night is kept until the day after its checkout morning has begun everywhere: it can no longer be sold. */
  const nightKeptSeconds = (date: string) =>
    (Date.parse(`${date}T00:00:00Z`) + 3 * DAY_SECONDS * 1000 - options.now()) / 1000;
  return {
    reservations: archivedReservations({
      live,
      archive,
      key: key.reservation,
      settled: (record) => flowIsOver(record.reservation) && record.outbox.length === 0,
      onMoveFailed: options.onMoveFailed,
    }),
    nights: {
      /**
       * Night by night in date order, first write wins: of bookings that
       * overlap, the one that holds the latest contested night meets no
       * holder after it, so one of them always wins (none would if all
       * nights were written at once and each took some).
       */
      async claim(roomId, dates, reservationId) {
        const taken: string[] = [];
        try {
          for (const date of [...dates].sort()) {
            await nights.save(key.night(roomId, date), { reservationId }, { etag: null }, nightKeptSeconds(date));
            taken.push(date);
          }
        } catch (error) {
          await this.release(roomId, taken, reservationId);
          throw error;
        }
      },
      async release(roomId, dates, reservationId) {
        const held = await nights.getAll(dates.map((date) => key.night(roomId, date)));
        await Promise.all(
          held
            .filter(({ entry }) => entry?.value.reservationId === reservationId)
            .map(({ key: k }) => nights.delete(k)),
        );
      },
    },
    holds: {
      get: (customerId) => customerHolds.get(key.holds(customerId)),
      save: (customerId, holds, etag) => customerHolds.save(key.holds(customerId), holds, { etag }),
    },
    // 5 s windows: a hold is let go at most ~5 s (plus the sweep's interval) after it runs out.
    expiries: new DueList<Hold>(new DaprStateStore(client, storeName, z.unknown()), HoldDocument, {
      name: 'holds',
      windowMs: 5_000,
      slots: 128,
    }),
    owed: new DueList<string>(new DaprStateStore(client, storeName, z.unknown()), z.string(), {
      name: 'outbox',
      windowMs: 2_000,
      slots: 128,
    }),
    catalogue: {
      get: async (roomId) => (await rooms.get(key.room(roomId)))?.value,
      put: (room) => rooms.save(key.room(room.roomId), room),
    },
    idempotency: {
      get: async (scope, k) => (await responses.get(key.idempotency(scope, k)))?.value,
      async put(scope, k, response) {
        // Once: losing the race means the first answer stands.
        await withOptimisticConcurrency(1, () =>
          responses.save(key.idempotency(scope, k), response, { etag: null }, IDEMPOTENCY_SECONDS),
        );
      },
    },
  };
}

const HoldDocument: z.ZodType<Hold> = z.object({
  reservationId: z.string(),
  customerId: z.string(),
  roomId: z.string(),
  checkIn: z.string(),
  checkOut: z.string(),
});

const CustomerHoldsDocument: z.ZodType<CustomerHolds> = z.object({
  holds: z.array(z.object({ reservationId: z.string(), expiresAt: z.string() })),
});

const StoredReservation: z.ZodType<StoredReservation> = z.strictObject({
  // Records written before revisions existed read as revision 0.
  revision: z.number().int().min(0).default(0),
  reservation: z.strictObject({
    reservationId: z.string(),
    customerId: z.string(),
    customerName: z.string(),
    roomId: z.string(),
    checkIn: z.string(),
    checkOut: z.string(),
    nights: z.number(),
    price: z.number(),
    status: z.enum(reservationStatuses),
    paymentId: z.string().nullable(),
    createdAt: z.string(),
    expiresAt: z.string(),
    cancelledAt: z.string().nullable(),
    cancelReason: z.string().nullable(),
  }),
  outbox: z.array(OutgoingEvent),
});

const LiveDocument: z.ZodType<LiveReservationDocument> = z.union([
  StoredReservation,
  z.strictObject({ moved: z.literal(true), revision: z.number().int().min(0) }),
]);

const Night = z.strictObject({ reservationId: z.string() });

const StoredCatalogueRoom: z.ZodType<CatalogueRoom> = z.strictObject({
  roomId: z.string(),
  name: z.string(),
  price: z.number(),
});

const StoredResponseDocument: z.ZodType<StoredResponse> = z.strictObject({
  fingerprint: z.string(),
  status: z.number(),
  body: z.unknown(),
});
