import { ConcurrencyConflict, DaprStateStore, type DaprClient } from '@roomstay/platform';
import type { CatalogueRoom } from '../domain/reservation.ts';
import type {
  CatalogueRepository,
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
} {
  const records = new DaprStateStore<ReservationRecord>(client, storeName);
  const nights = new DaprStateStore<{ reservationId: string }>(client, storeName);
  const rooms = new DaprStateStore<CatalogueRoom>(client, storeName);
  const responses = new DaprStateStore<StoredResponse>(client, storeName);
  const key = {
    reservation: (id: string) => `reservation:${id}`,
    night: (roomId: string, date: string) => `night:${roomId}:${date}`,
    room: (roomId: string) => `room:${roomId}`,
    idempotency: (scope: string, k: string) => `idempotency:${scope}:${k}`,
  };
  return {
    reservations: {
      get: (id) => records.get(key.reservation(id)),
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
