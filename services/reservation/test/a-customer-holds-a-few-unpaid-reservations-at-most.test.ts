import test from 'ava';
import { ErrorBody } from '@roomstay/contracts';
import { bodyAs } from '../../../packages/platform/test/support/http.ts';
import { alice, as, bob, garden, oceanView, reservationApi } from './support/app.ts';

const HOLD = 15 * 60_000;
const night = (day: number) => ({
  roomId: oceanView.roomId,
  checkIn: `2030-03-${String(day).padStart(2, '0')}`,
  nights: 1,
});

test('at the cap, another reservation is refused with 429 hold_limit_reached until the soonest hold runs out', async (t) => {
  const h = await reservationApi(t, { holdMs: HOLD, limit: 3 });
  await h.placed(alice, night(1));
  h.advance(60_000);
  await h.placed(alice, night(2));
  await h.placed(alice, night(3));
  const refused = await h.place(alice, night(4));
  t.is(refused.status, 429);
  t.is(bodyAs(ErrorBody, refused).error.code, 'hold_limit_reached');
  // The first hold runs out 14 minutes from now.
  t.is(refused.headers.get('retry-after'), String(14 * 60));
  // Nothing of the refused one was kept: its night is free.
  t.deepEqual(
    h.nights.of(oceanView.roomId).map(([date]) => date),
    ['2030-03-01', '2030-03-02', '2030-03-03'],
  );
  // Another customer is not affected.
  t.is((await h.place(bob, night(4))).status, 201);
  // Once the first hold ran out, alice may hold another.
  h.advance(14 * 60_000);
  t.is((await h.place(alice, { ...night(5), roomId: garden.roomId })).status, 201);
});

test('paying or cancelling a held reservation frees its place under the cap', async (t) => {
  const h = await reservationApi(t, { holdMs: HOLD, limit: 2 });
  const first = await h.placed(alice, night(1));
  const second = await h.placed(alice, night(2));
  t.is((await h.place(alice, night(3))).status, 429);
  t.is((await h.api.post(`/reservations/${first.reservationId}/payment`, undefined, as(alice))).status, 200);
  t.is((await h.place(alice, night(3))).status, 201);
  t.is((await h.place(alice, night(4))).status, 429);
  t.is((await h.api.post(`/reservations/${second.reservationId}/cancel`, undefined, as(alice))).status, 200);
  t.is((await h.place(alice, night(4))).status, 201);
});

test('a refused placement (the room is taken) does not count toward the cap', async (t) => {
  const h = await reservationApi(t, { holdMs: HOLD, limit: 1 });
  await h.placed(bob, night(1));
  t.is((await h.place(alice, night(1))).status, 409);
  t.is((await h.place(alice, night(2))).status, 201);
});

test('concurrent placements of one customer never exceed the cap', async (t) => {
  const h = await reservationApi(t, { holdMs: HOLD, limit: 3 });
  const answers = await Promise.all(Array.from({ length: 10 }, (_, i) => h.place(alice, night(i + 1))));
  t.is(answers.filter((a) => a.status === 201).length, 3);
  t.is(answers.filter((a) => a.status === 429).length, 7);
});
