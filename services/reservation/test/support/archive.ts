// The archived reservations repository over two in-memory stores, as Redis and
// the PostgreSQL archive are seen through their sidecars.
import { ConcurrencyConflict } from '@roomstay/platform';
import {
  archivedReservations,
  type LiveDocument,
  type StoredReservation,
} from '../../src/adapters/archived-reservations.ts';
import type { ReservationRecord } from '../../src/application/ports.ts';
import { flowIsOver, place, type Reservation } from '../../src/domain/reservation.ts';
import { InMemoryDocuments } from '../../../../packages/platform/test/support/documents.ts';

export function archiveHarness() {
  // Redis through Dapr: a write over a version succeeds where the key is gone.
  const live = new InMemoryDocuments<LiveDocument>(ConcurrencyConflict, { writesOverGoneKeys: true });
  const archive = new InMemoryDocuments<StoredReservation>(ConcurrencyConflict);
  const failedMoves: string[] = [];
  const repository = archivedReservations({
    live,
    archive,
    key: (id) => `reservation:${id}`,
    settled: (record) => flowIsOver(record.reservation) && record.outbox.length === 0,
    onMoveFailed: (id) => failedMoves.push(id),
  });
  return { live, archive, repository, failedMoves };
}

export function placed(reservationId = 'RSV-1'): ReservationRecord {
  const reservation = place(
    {
      reservationId,
      customerId: 'alice',
      customerName: 'Alice',
      room: { roomId: 'R-1', name: 'Ocean', price: 50_000 },
      stay: { checkIn: '2031-01-01', checkOut: '2031-01-03' },
    },
    '2030-01-01T00:00:00Z',
    900_000,
  );
  return { reservation, outbox: [] };
}

export const withStatus = (record: ReservationRecord, status: Reservation['status']): ReservationRecord => ({
  ...record,
  reservation: { ...record.reservation, status },
});
