import type { Caller } from '@roomstay/platform';
import type { Reservation } from '../domain/reservation.ts';
import type { ReservationDeps } from './ports.ts';
import { load, settleQuietly } from './records.ts';

/** The caller's reservation; reading it also sends on what it still owes. */
export function makeGetReservation(deps: ReservationDeps) {
  return async function getReservation(caller: Caller, reservationId: string): Promise<Reservation> {
    const stored = await load(deps, reservationId, caller);
    void settleQuietly(deps, stored);
    return stored.value.reservation;
  };
}
