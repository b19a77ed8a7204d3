import { ConcurrencyConflict, DaprStateStore, type DaprClient } from '@roomstay/platform';
import type { CatalogueRoom } from '../domain/reservation.ts';
import type {
  CalendarRepository,
  CatalogueRepository,
  IdempotencyRepository,
  ReservationRecord,
  ReservationRepository,
  RoomCalendar,
  StoredResponse,
} from '../application/ports.ts';

/** Everything reservation keeps lives in Redis through its sidecar (components/statestore-reservation.yaml). */
export function daprRepositories(
  client: DaprClient,
  storeName = 'reservation-store',
): {
  reservations: ReservationRepository;
  calendars: CalendarRepository;
  catalogue: CatalogueRepository;
  idempotency: IdempotencyRepository;
} {
  const records = new DaprStateStore<ReservationRecord>(client, storeName);
  const calendars = new DaprStateStore<RoomCalendar>(client, storeName);
  const rooms = new DaprStateStore<CatalogueRoom>(client, storeName);
  const responses = new DaprStateStore<StoredResponse>(client, storeName);
  const key = {
    reservation: (id: string) => `reservation:${id}`,
    calendar: (roomId: string) => `calendar:${roomId}`,
    room: (roomId: string) => `room:${roomId}`,
    idempotency: (scope: string, k: string) => `idempotency:${scope}:${k}`,
  };
  return {
    reservations: {
      get: (id) => records.get(key.reservation(id)),
      create: (record) => records.save(key.reservation(record.reservation.reservationId), record, { etag: null }),
      replace: (record, etag) => records.save(key.reservation(record.reservation.reservationId), record, { etag }),
    },
    calendars: {
      get: (roomId) => calendars.get(key.calendar(roomId)),
      save: (roomId, calendar, etag) => calendars.save(key.calendar(roomId), calendar, { etag }),
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
