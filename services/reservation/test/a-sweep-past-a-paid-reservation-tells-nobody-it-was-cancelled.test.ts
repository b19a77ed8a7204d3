import test from 'ava';
import { Reservation } from '@roomstay/contracts';
import { bodyAs } from '../../../packages/platform/test/support/http.ts';
import { alice, as, oceanView, reservationApi } from './support/app.ts';

test('when the hold time of a paid reservation passes, the sweep leaves it paid and publishes nothing about it', async (t) => {
  const h = await reservationApi(t);
  const r = await h.placed(alice, { roomId: oceanView.roomId, checkIn: '2030-03-01', nights: 2 });
  t.is((await h.api.post(`/reservations/${r.reservationId}/payment`, undefined, as(alice))).status, 200);
  h.advance(15 * 60_000 + 10_000);
  await h.expireHolds();
  h.advance(10_000);
  await h.relay();
  t.is(bodyAs(Reservation, await h.read(alice, r.reservationId)).status, 'paid');
  t.deepEqual(h.publisher.topics(), ['ReservationPlaced'], 'nobody is told it was cancelled');
  t.deepEqual(h.reservations.all()[0]?.outbox, []);
});
