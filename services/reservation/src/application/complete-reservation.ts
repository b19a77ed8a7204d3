import { withOptimisticConcurrency, type Handled } from '@roomstay/platform';
import { markCompleted } from '../domain/reservation.ts';
import type { ReservationDeps } from './ports.ts';

/** PromotionSaved: the promotion of a paid reservation was granted, so the reservation is completed. */
export function makeCompleteReservation(deps: ReservationDeps) {
  return async function completeReservation(reservationId: string, paymentId: string): Promise<Handled> {
    // One try: a lost race is redelivered (resiliency.yaml bounds how often), and read afresh then.
    const outcome = await withOptimisticConcurrency(1, async (): Promise<Handled> => {
      const stored = await deps.reservations.get(reservationId);
      if (!stored) return 'unknown-subject';
      const next = markCompleted(stored.value.reservation, paymentId);
      if (next !== stored.value.reservation) {
        await deps.reservations.replace({ ...stored.value, reservation: next }, stored.etag);
      }
      return 'handled';
    });
    return outcome ?? 'lost-race';
  };
}
