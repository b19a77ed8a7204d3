import test from 'ava';
import { alice, as, oceanView, reservationApi } from './support/app.ts';

test('paying a paid reservation again after its hold time answers the payment again and refunds nothing', async (t) => {
  const h = await reservationApi(t, { holdMs: 60_000, limit: 0 });
  const r = await h.placed(alice, { roomId: oceanView.roomId, checkIn: '2030-03-01', nights: 2 });
  t.is((await h.api.post(`/reservations/${r.reservationId}/payment`, undefined, as(alice))).status, 200);
  h.advance(120_000);
  const again = await h.api.post(`/reservations/${r.reservationId}/payment`, undefined, as(alice));
  t.is(again.status, 200);
  t.deepEqual(h.payments.refunds, []);
});
