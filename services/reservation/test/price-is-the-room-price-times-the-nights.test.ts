import test from 'ava';
import { Reservation } from '@roomstay/contracts';
import { bodyAs, errorOf } from '../../../packages/platform/test/support/http.ts';
import { alice, oceanView, reservationApi } from './support/app.ts';

test('placing a reservation answers 201 with the room price times the nights', async (t) => {
  const { place, publisher } = await reservationApi(t);
  const reply = await place(alice, { roomId: oceanView.roomId, checkIn: '2030-03-01', nights: 3 });
  t.is(reply.status, 201);
  t.deepEqual(bodyAs(Reservation, reply), {
    reservationId: 'RSV-1',
    customerId: 'alice',
    roomId: oceanView.roomId,
    checkIn: '2030-03-01',
    checkOut: '2030-03-04',
    nights: 3,
    price: 150_000,
    status: 'reserved',
    expiresAt: '2030-01-01T09:15:00.000Z',
  });
  t.deepEqual(publisher.topics(), ['ReservationPlaced']);
  t.like(publisher.published[0], {
    id: 'RSV-1.ReservationPlaced',
    payload: { price: 150_000, nights: 3, customerId: 'alice' },
  });
});

test('a client cannot send the price: 400 unknown_field price, nothing reserved', async (t) => {
  const { place, reservations, nights, publisher } = await reservationApi(t);
  const reply = await place(alice, {
    roomId: oceanView.roomId,
    checkIn: '2030-03-01',
    nights: 3,
    price: 1,
  });
  t.is(reply.status, 400);
  t.like(errorOf(reply), { code: 'unknown_field', field: 'price' });
  t.deepEqual(reservations.all(), []);
  t.deepEqual(nights.holdersOf(oceanView.roomId), []);
  t.deepEqual(publisher.published, []);
});

test('a client cannot send a status or a customerId either', async (t) => {
  const { place } = await reservationApi(t);
  const stay = { roomId: oceanView.roomId, checkIn: '2030-03-01', nights: 1 };
  t.like(errorOf(await place(alice, { ...stay, status: 'completed' })), { code: 'unknown_field', field: 'status' });
  t.like(errorOf(await place(alice, { ...stay, customerId: 'bob' })), { code: 'unknown_field', field: 'customerId' });
});
