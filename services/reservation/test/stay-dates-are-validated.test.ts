import test from 'ava';
import { errorOf } from '../../../packages/platform/test/support/http.ts';
import { alice, oceanView, reservationApi } from './support/app.ts';

const roomId = oceanView.roomId;

test('a stay of no nights, or fewer, answers 400 invalid_field nights and reserves nothing', async (t) => {
  const { place, reservations } = await reservationApi(t);
  for (const nights of [0, -4, 1.5]) {
    const reply = await place(alice, { roomId, checkIn: '2030-03-01', nights });
    t.is(reply.status, 400, String(nights));
    t.like(errorOf(reply), { code: 'invalid_field', field: 'nights' });
  }
  t.deepEqual(reservations.all(), []);
});

test('a stay longer than 365 nights answers 400 invalid_field nights', async (t) => {
  const { place } = await reservationApi(t);
  const reply = await place(alice, { roomId, checkIn: '2030-01-01', nights: 366 });
  t.is(reply.status, 400);
  t.like(errorOf(reply), { code: 'invalid_field', field: 'nights' });
});

test('a stay is asked for by nights: a checkOut field is not one of the request', async (t) => {
  const { place } = await reservationApi(t);
  const reply = await place(alice, { roomId, checkIn: '2030-03-01', nights: 1, checkOut: '2030-03-02' });
  t.is(reply.status, 400);
  t.like(errorOf(reply), { code: 'unknown_field', field: 'checkOut' });
});

test('a malformed checkIn answers 400 invalid_field checkIn', async (t) => {
  const { place } = await reservationApi(t);
  for (const checkIn of ['2030-3-1', '01/03/2030', '2030-02-30', '2030-03-01T00:00:00Z', 'tomorrow', '1999-12-31']) {
    const reply = await place(alice, { roomId, checkIn, nights: 3 });
    t.is(reply.status, 400, checkIn);
    t.like(errorOf(reply), { code: 'invalid_field', field: 'checkIn' }, checkIn);
  }
});

test('a missing roomId answers 400 missing_field roomId', async (t) => {
  const { place } = await reservationApi(t);
  const reply = await place(alice, { checkIn: '2030-03-01', nights: 3 });
  t.is(reply.status, 400);
  t.like(errorOf(reply), { code: 'missing_field', field: 'roomId' });
});

test('an unknown room answers 404 not_found', async (t) => {
  const { place, reservations } = await reservationApi(t);
  const reply = await place(alice, { roomId: 'R-NOWHERE', checkIn: '2030-03-01', nights: 3 });
  t.is(reply.status, 404);
  t.is(errorOf(reply).code, 'not_found');
  t.deepEqual(reservations.all(), []);
});
