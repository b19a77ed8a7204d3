import test from 'ava';
import { alice, bob, oceanView, reservationApi } from './support/app.ts';

const night = (day: number) => ({ roomId: oceanView.roomId, checkIn: `2030-03-0${day}`, nights: 1 });

test('a placement refused for a taken room gives back its own hold and keeps the others', async (t) => {
  const h = await reservationApi(t, { holdMs: 60_000, limit: 2 });
  await h.placed(bob, night(2));
  const first = await h.placed(alice, night(1));
  t.is((await h.place(alice, night(2))).status, 409);
  t.deepEqual(
    (await h.holds.get('alice'))?.value.holds.map((hold) => hold.reservationId),
    [first.reservationId],
  );
  t.is((await h.place(alice, night(3))).status, 201);
  t.is((await h.place(alice, night(4))).status, 429, 'the first hold still counts');
});
