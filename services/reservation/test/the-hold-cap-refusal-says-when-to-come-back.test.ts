import test from 'ava';
import { errorOf } from '../../../packages/platform/test/support/http.ts';
import { alice, bob, oceanView, reservationApi } from './support/app.ts';

const night = (day: number) => ({ roomId: oceanView.roomId, checkIn: `2030-03-0${day}`, nights: 1 });

test('the refusal names the cap and asks to come back in whole seconds, rounded up, when the soonest hold runs out', async (t) => {
  const h = await reservationApi(t, { holdMs: 60_000, limit: 2 });
  await h.placed(alice, night(1));
  h.advance(500);
  await h.placed(alice, night(2));
  h.advance(20_250);
  const refused = await h.place(alice, night(3));
  t.is(refused.status, 429);
  t.deepEqual(errorOf(refused), {
    code: 'hold_limit_reached',
    message: 'at most 2 unpaid reservations at once: pay or cancel one, or wait until one expires',
  });
  // The first hold runs out 60 - 20.75 = 39.25 s from now.
  t.is(refused.headers.get('retry-after'), '40');
  h.advance(39_200);
  t.is((await h.place(alice, night(3))).headers.get('retry-after'), '1', 'never less than a second');
});

test('a hold whose time ran out no longer counts, even before the sweep lets it go', async (t) => {
  const h = await reservationApi(t, { holdMs: 60_000, limit: 1 });
  await h.placed(alice, night(1));
  h.advance(60_000);
  t.is((await h.place(alice, night(2))).status, 201);
});

test('a room taken for some of the nights is refused naming the room and the stay', async (t) => {
  const h = await reservationApi(t);
  await h.placed(bob, night(2));
  const refused = await h.place(alice, { roomId: oceanView.roomId, checkIn: '2030-03-01', nights: 3 });
  t.deepEqual(errorOf(refused), {
    code: 'room_unavailable',
    message: `room ${oceanView.roomId} is taken for some of 2030-03-01 .. 2030-03-04`,
  });
});

test('a night store that fails otherwise fails the placement as it failed, keeping no hold', async (t) => {
  const h = await reservationApi(t, { holdMs: 60_000, limit: 1 });
  const claim = h.nights.claim.bind(h.nights);
  h.nights.claim = async () => {
    throw new Error('state store down');
  };
  const failed = await h.place(alice, night(1));
  t.is(failed.status, 500);
  t.is(errorOf(failed).code, 'internal');
  h.nights.claim = claim;
  t.is((await h.place(alice, night(1))).status, 201, 'the failed placement kept no place under the cap');
});
