import test from 'ava';
import { errorOf } from '../../../packages/platform/test/support/http.ts';
import { alice, oceanView, reservationApi } from './support/app.ts';

const roomId = oceanView.roomId;

test('a checkOut equal to checkIn answers 400 invalid_field checkOut', async (t) => {
  const { place, reservations } = await reservationApi(t);
  const reply = await place(alice, { roomId, checkIn: '2030-03-01', checkOut: '2030-03-01' });
  t.is(reply.status, 400);
  t.like(errorOf(reply), { code: 'invalid_field', field: 'checkOut' });
  t.deepEqual(reservations.all(), []);
});

test('a checkOut before checkIn answers 400 invalid_field checkOut', async (t) => {
  const { place } = await reservationApi(t);
  const reply = await place(alice, { roomId, checkIn: '2030-03-05', checkOut: '2030-03-01' });
  t.is(reply.status, 400);
  t.like(errorOf(reply), { code: 'invalid_field', field: 'checkOut' });
});

test('a stay longer than 365 nights answers 400 invalid_field checkOut', async (t) => {
  const { place } = await reservationApi(t);
  const reply = await place(alice, { roomId, checkIn: '2030-01-01', checkOut: '2031-01-02' });
  t.is(reply.status, 400);
  t.like(errorOf(reply), { code: 'invalid_field', field: 'checkOut' });
});

test('a malformed checkIn answers 400 invalid_field checkIn', async (t) => {
  const { place } = await reservationApi(t);
  for (const checkIn of ['2030-3-1', '01/03/2030', '2030-02-30', '2030-03-01T00:00:00Z', 'tomorrow']) {
    const reply = await place(alice, { roomId, checkIn, checkOut: '2030-03-04' });
    t.is(reply.status, 400, checkIn);
    t.like(errorOf(reply), { code: 'invalid_field', field: 'checkIn' }, checkIn);
  }
});

test('a missing roomId answers 400 missing_field roomId', async (t) => {
  const { place } = await reservationApi(t);
  const reply = await place(alice, { checkIn: '2030-03-01', checkOut: '2030-03-04' });
  t.is(reply.status, 400);
  t.like(errorOf(reply), { code: 'missing_field', field: 'roomId' });
});

test('an unknown room answers 404 not_found', async (t) => {
  const { place, reservations } = await reservationApi(t);
  const reply = await place(alice, { roomId: 'R-NOWHERE', checkIn: '2030-03-01', checkOut: '2030-03-04' });
  t.is(reply.status, 404);
  t.is(errorOf(reply).code, 'not_found');
  t.deepEqual(reservations.all(), []);
});
