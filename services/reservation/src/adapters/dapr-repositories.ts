import { z } from 'zod';
import { ConcurrencyConflict, DaprStateStore, DueList, type DaprClient } from '@roomstay/platform';
import type { CatalogueRoom } from '../domain/reservation.ts';
import type {
  CatalogueRepository,
  CustomerHolds,
  ExpirySchedule,
  Hold,
  HoldRepository,
  NightRepository,
  IdempotencyRepository,
  ReservationRecord,
  ReservationRepository,
  StoredResponse,
} from '../application/ports.ts';

/** Everything reservation keeps lives in Redis through its sidecar (components/statestore-reservation.yaml). */
export function daprRepositories(
  client: DaprClient,
  storeName = 'reservation-store',
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
  const records = new DaprStateStore<ReservationRecord>(client, storeName);
  const nights = new DaprStateStore<{ reservationId: string }>(client, storeName);
  const rooms = new DaprStateStore<CatalogueRoom>(client, storeName);
  const responses = new DaprStateStore<StoredResponse>(client, storeName);
  const customerHolds = new DaprStateStore<unknown>(client, storeName);
  const key = {
    reservation: (id: string) => `reservation:${id}`,
    night: (roomId: string, date: string) => `night:${roomId}:${date}`,
    room: (roomId: string) => `room:${roomId}`,
    idempotency: (scope: string, k: string) => `idempotency:${scope}:${k}`,
    holds: (customerId: string) => `holds:${customerId}`,
  };
  return {
    reservations: {
      get: (id) => records.get(key.reservation(id)),
      getMany: async (ids) => (await records.getAll(ids.map(key.reservation))).map(({ entry }) => entry),
      create: (record) => records.save(key.reservation(record.reservation.reservationId), record, { etag: null }),
      replace: (record, etag) => records.save(key.reservation(record.reservation.reservationId), record, { etag }),
    },
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
            await nights.save(key.night(roomId, date), { reservationId }, { etag: null });
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
      async get(customerId) {
        const stored = await customerHolds.get(key.holds(customerId));
        return stored && { value: CustomerHoldsDocument.parse(stored.value), etag: stored.etag };
      },
      save: (customerId, holds, etag) => customerHolds.save(key.holds(customerId), holds, { etag }),
    },
    // 5 s windows: a hold is let go at most ~5 s (plus the sweep's interval) after it runs out.
    expiries: new DueList<Hold>(new DaprStateStore<unknown>(client, storeName), HoldDocument, {
      name: 'holds',
      windowMs: 5_000,
      slots: 128,
    }),
    owed: new DueList<string>(new DaprStateStore<unknown>(client, storeName), z.string(), {
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
        try {
          await responses.save(key.idempotency(scope, k), response, { etag: null });
        } catch (error) {
          if (!(error instanceof ConcurrencyConflict)) throw error;
        }
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
