import type { Caller } from '@roomstay/platform';
import { cancel, hasEnded, type Reservation } from '../domain/reservation.ts';
import { reservationCancelled } from './events.ts';
import { freeNights } from './nights.ts';
import type { ReservationDeps } from './ports.ts';
import { load, settleLater, update } from './records.ts';
import { paymentUnavailable } from './refusals.ts';

/**
 * Cancels with compensation: the payment is refunded first (which revokes the
 * promotion), then the reservation is cancelled and its nights are freed.
 * Idempotent; if payment cannot be reached nothing is changed.
 */
export function makeCancelReservation(deps: ReservationDeps) {
  return async function cancelReservation(caller: Caller, reservationId: string, reason: string): Promise<Reservation> {
    const stored = await load(deps, reservationId, caller);
    const current = stored.value.reservation;
    if (!hasEnded(current)) {
      const refund = await deps.payments.refund(reservationId);
      if (refund.kind === 'unavailable') throw paymentUnavailable('the reservation was not cancelled');
    }
    const saved = await update(deps, reservationId, (r) => {
      const next = cancel(r, reason, deps.clock.now());
      return next === r ? { next } : { next, events: [reservationCancelled(next)] };
    });
    await freeNights(deps, current);
    if (saved.outbox.length) settleLater(deps, reservationId);
    return saved.reservation;
  };
}
