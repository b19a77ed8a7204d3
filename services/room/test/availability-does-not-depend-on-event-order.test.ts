import test from 'ava';
import type { EventPayload } from '@roomstay/contracts';
import { roomApi } from './support/app.ts';

// ReservationPlaced and ReservationCancelled are different topics, so Dapr may
// deliver the cancellation first (for instance when the placement was answered
// RETRY after a lost race on the room document). The room must not then stay
// booked for a reservation that no longer exists.
//
test('a cancellation delivered before its placement leaves the room free', async (t) => {
  const { api, registered, available } = await roomApi(t);
  const { roomId } = await registered({ name: 'Ocean view', price: 50_000 });
  const stay = { checkIn: '2030-03-01', checkOut: '2030-03-02' };
  const cancelled: EventPayload<'ReservationCancelled'> = {
    reservationId: 'RSV-1',
    customerId: 'alice',
    roomId,
    ...stay,
    reason: 'r',
  };
  const placed: EventPayload<'ReservationPlaced'> = {
    reservationId: 'RSV-1',
    customerId: 'alice',
    roomId,
    ...stay,
    nights: 1,
    price: 50_000,
  };
  t.is(await api.deliver('ReservationCancelled', 'RSV-1.ReservationCancelled', cancelled), 'SUCCESS');
  t.is(await api.deliver('ReservationPlaced', 'RSV-1.ReservationPlaced', placed), 'SUCCESS');
  t.true(await available(roomId, '2030-03-01', 1));
});
