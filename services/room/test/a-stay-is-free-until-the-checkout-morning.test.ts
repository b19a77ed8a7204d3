import test from 'ava';
import { Room, type EventPayload } from '@roomstay/contracts';
import { bodyAs } from '../../../packages/platform/test/support/http.ts';
import { isFree, register } from '../src/domain/room.ts';
import { roomApi } from './support/app.ts';

const booked = (checkIn: string, checkOut: string) => ({
  ...register({ name: 'Ocean', price: 1 }, 'ROOM-1', '2030-01-01T00:00:00.000Z'),
  booked: [{ reservationId: 'RSV-1', checkIn, checkOut }],
});

test('a stay is free when it ends on the morning a booking begins or begins on the morning it ends', (t) => {
  const room = booked('2030-03-03', '2030-03-05');
  t.true(isFree(room, '2030-03-01', 2));
  t.true(isFree(room, '2030-03-05', 1));
  t.false(isFree(room, '2030-03-01', 3), 'its last night is the booking first');
  t.false(isFree(room, '2030-03-04', 1), 'the booking second night');
  t.false(isFree(room, '2030-03-02', 5), 'a stay around the booking');
});

test('asked for a stay without nights, a room answers for one night', async (t) => {
  const { api, registered } = await roomApi(t);
  const { roomId } = await registered({ name: 'Ocean view', price: 50_000 });
  const placed: EventPayload<'ReservationPlaced'> = {
    reservationId: 'RSV-1',
    customerId: 'alice',
    roomId,
    checkIn: '2030-03-02',
    checkOut: '2030-03-03',
    nights: 1,
    price: 50_000,
  };
  await api.deliver('ReservationPlaced', 'RSV-1.ReservationPlaced', placed);
  t.deepEqual(bodyAs(Room, await api.get(`/rooms/${roomId}?checkIn=2030-03-01`)), {
    roomId,
    name: 'Ocean view',
    price: 50_000,
    available: true,
  });
  t.false(bodyAs(Room, await api.get(`/rooms/${roomId}?checkIn=2030-03-01&nights=2`)).available);
  t.false(bodyAs(Room, await api.get(`/rooms/${roomId}?checkIn=2030-03-02`)).available);
  t.false('available' in bodyAs(Room, await api.get(`/rooms/${roomId}`)), 'no stay asked, no availability told');
});
