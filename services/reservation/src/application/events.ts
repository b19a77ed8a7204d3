import type { OutgoingEvent } from '@roomstay/contracts';
import { factsOf, type Reservation } from '../domain/reservation.ts';

export function reservationPlaced(r: Reservation): OutgoingEvent<'ReservationPlaced'> {
  return {
    id: `${r.reservationId}.ReservationPlaced`,
    topic: 'ReservationPlaced',
    time: r.createdAt,
    payload: factsOf(r),
  };
}

export function reservationCancelled(r: Reservation): OutgoingEvent<'ReservationCancelled'> {
  return {
    id: `${r.reservationId}.ReservationCancelled`,
    topic: 'ReservationCancelled',
    time: r.cancelledAt ?? r.createdAt,
    payload: {
      reservationId: r.reservationId,
      customerId: r.customerId,
      roomId: r.roomId,
      checkIn: r.checkIn,
      checkOut: r.checkOut,
      reason: r.cancelReason ?? '',
    },
  };
}
