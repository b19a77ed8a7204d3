import test from 'ava';
import { alice, oceanView, reservationApi } from './support/app.ts';

test('without a cap, placing and failing to place keep no holds document at all', async (t) => {
  const h = await reservationApi(t, { holdMs: 60_000, limit: 0 });
  await h.placed(alice, { roomId: oceanView.roomId, checkIn: '2030-03-01', nights: 1 });
  t.is((await h.place(alice, { roomId: oceanView.roomId, checkIn: '2030-03-01', nights: 1 })).status, 409);
  h.holds.save = async () => {
    throw new Error('no holds write expected');
  };
  t.is((await h.place(alice, { roomId: oceanView.roomId, checkIn: '2030-03-02', nights: 1 })).status, 201);
  t.is((await h.place(alice, { roomId: oceanView.roomId, checkIn: '2030-03-02', nights: 1 })).status, 409);
  t.is(await h.holds.get('alice'), undefined);
});
