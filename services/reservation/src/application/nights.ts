import { AppError, withOptimisticConcurrency } from '@roomstay/platform';
import { nightsIn, type Reservation, type Stay } from '../domain/reservation.ts';
import type { ReservationDeps } from './ports.ts';

/** Takes the stay's nights of the room, all or none, or fails with room_unavailable. */
export async function takeNights(deps: ReservationDeps, r: Reservation): Promise<void> {
  // One try: a night another reservation holds is not a race to run again but an answer.
  const took = await withOptimisticConcurrency(1, async () => {
    await deps.nights.claim(r.roomId, nightsIn(r), r.reservationId);
    return true;
  });
  if (!took)
    throw new AppError('room_unavailable', `room ${r.roomId} is taken for some of ${r.checkIn} .. ${r.checkOut}`);
}

/** Frees the nights this reservation holds; other reservations' nights are left alone. */
export const freeNights = (deps: ReservationDeps, r: Stay & { roomId: string; reservationId: string }): Promise<void> =>
  deps.nights.release(r.roomId, nightsIn(r), r.reservationId);
