import test from 'ava';
import { alice, as, oceanView, reservationApi } from './support/app.ts';

test('a cancellation published while the broker is down leaves with the relay, though its placement left long before', async (t) => {
  const h = await reservationApi(t);
  const r = await h.placed(alice, { roomId: oceanView.roomId, checkIn: '2030-03-01', nights: 2 });
  h.advance(10_000);
  await h.relay(); // the placement's turn has come and gone
  h.publisher.down = true;
  t.is((await h.api.post(`/reservations/${r.reservationId}/cancel`, undefined, as(alice))).status, 200);
  await new Promise((resolve) => setImmediate(resolve));
  h.publisher.down = false;
  h.advance(10_000);
  await h.relay();
  t.deepEqual(h.publisher.topics(), ['ReservationPlaced', 'ReservationCancelled']);
});
