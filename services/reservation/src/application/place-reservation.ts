import type { PlaceReservation } from '@roomstay/contracts';
import { AppError, type Caller } from '@roomstay/platform';
import { place, stayFrom, type Reservation } from '../domain/reservation.ts';
import { reservationPlaced } from './events.ts';
import { dropHold, holdOf, takeHold } from './holds.ts';
import { freeNights, takeNights } from './nights.ts';
import type { ReservationDeps } from './ports.ts';
import { settleLater } from './records.ts';

/**
 * Places a reservation: takes one of the customer's holds, schedules its run
 * out, takes the stay's nights, and writes it owing ReservationPlaced. A step
 * that fails gives back what the steps before it took.
 */
export function makePlaceReservation(deps: ReservationDeps) {
  return async function placeReservation(caller: Caller, input: PlaceReservation): Promise<Reservation> {
    const room = await deps.catalogue.get(input.roomId);
    if (!room) throw new AppError('not_found', `no room ${input.roomId}`, { field: 'roomId' });
    const now = deps.clock.now();
    const reservation = place(
      {
        reservationId: deps.ids.reservationId(),
        customerId: caller.customerId,
        customerName: caller.name,
        room,
        stay: stayFrom(input.checkIn, input.nights),
      },
      now,
      deps.holdPolicy.holdMs,
    );
    await takeHold(deps, reservation, now);
    try {
      // Scheduled before any night is claimed: a placement cut short after
      // claiming frees its nights when the hold runs out.
      await deps.expiries.add({
        id: reservation.reservationId,
        dueAt: Date.parse(reservation.expiresAt),
        value: holdOf(reservation),
      });
      await takeNights(deps, reservation);
      try {
        await deps.outbox.owe(reservation.reservationId);
        await deps.reservations.create({ reservation, outbox: [reservationPlaced(reservation)] });
      } catch (error) {
        await freeNights(deps, reservation).catch(() => undefined);
        throw error;
      }
    } catch (error) {
      await dropHold(deps, reservation).catch(() => undefined);
      throw error;
    }
    settleLater(deps, reservation.reservationId);
    return reservation;
  };
}
