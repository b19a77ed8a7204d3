import test from 'ava';
import { Reservation } from '@roomstay/contracts';
import { bodyAs, errorOf } from '../../../packages/platform/test/support/http.ts';
import { admin, alice, as, bob, oceanView, reservationApi } from './support/app.ts';

test('another customer reading a reservation gets 404, as if it did not exist', async (t) => {
  const { placed, read } = await reservationApi(t);
  const mine = await placed(alice, { roomId: oceanView.roomId, checkIn: '2030-03-01', nights: 1 });
  const reply = await read(bob, mine.reservationId);
  t.is(reply.status, 404);
  t.is(errorOf(reply).code, 'not_found');
  const missing = await read(bob, 'RSV-404');
  t.is(errorOf(missing).code, 'not_found');
});

test('the customer and an administrator read the reservation', async (t) => {
  const { placed, read } = await reservationApi(t);
  const mine = await placed(alice, { roomId: oceanView.roomId, checkIn: '2030-03-01', nights: 1 });
  t.deepEqual(bodyAs(Reservation, await read(alice, mine.reservationId)), mine);
  t.deepEqual(bodyAs(Reservation, await read(admin, mine.reservationId)), mine);
});

test('another customer can neither pay nor cancel the reservation', async (t) => {
  const { placed, read, api, payments } = await reservationApi(t);
  const mine = await placed(alice, { roomId: oceanView.roomId, checkIn: '2030-03-01', nights: 1 });
  t.is((await api.post(`/reservations/${mine.reservationId}/payment`, undefined, as(bob))).status, 404);
  t.is((await api.post(`/reservations/${mine.reservationId}/cancel`, undefined, as(bob))).status, 404);
  t.deepEqual(payments.approvals, []);
  t.deepEqual(payments.refunds, []);
  t.is(bodyAs(Reservation, await read(alice, mine.reservationId)).status, 'reserved');
});

test('a request without the caller headers answers 401 unauthorized', async (t) => {
  const { api } = await reservationApi(t);
  const reply = await api.post('/reservations', {
    roomId: oceanView.roomId,
    checkIn: '2030-03-01',
    checkOut: '2030-03-02',
  });
  t.is(reply.status, 401);
  t.is(errorOf(reply).code, 'unauthorized');
  const badRole = await api.get('/reservations/RSV-1', { 'x-caller-id': 'alice', 'x-caller-role': 'root' });
  t.is(badRole.status, 401);
});
