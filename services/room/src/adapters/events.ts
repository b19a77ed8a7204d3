import type { EventHandlers } from '@roomstay/platform';
import type { makeUpdateAvailability } from '../application/rooms.ts';

export function roomEventHandlers(availability: ReturnType<typeof makeUpdateAvailability>): EventHandlers {
  return {
    ReservationPlaced: ({ payload }) =>
      availability.booked(payload.roomId, {
        reservationId: payload.reservationId,
        checkIn: payload.checkIn,
        checkOut: payload.checkOut,
      }),
    ReservationCancelled: ({ payload }) => availability.released(payload.roomId, payload.reservationId),
  };
}
