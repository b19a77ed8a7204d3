import test from 'ava';
import { alice, as, oceanView, reservationApi } from './support/app.ts';

const settled = () => new Promise((resolve) => setImmediate(resolve));

test('ReservationPlaced and ReservationCancelled leave under ids made of the reservation id, timed when each happened, with the facts of the stay', async (t) => {
  const h = await reservationApi(t);
  const r = await h.placed(alice, { roomId: oceanView.roomId, checkIn: '2030-03-01', nights: 2 });
  h.advance(60_000);
  await h.api.post(`/reservations/${r.reservationId}/cancel`, { reason: 'plans changed' }, as(alice));
  await settled();
  const facts = {
    reservationId: 'RSV-1',
    customerId: 'alice',
    roomId: oceanView.roomId,
    checkIn: '2030-03-01',
    checkOut: '2030-03-03',
  };
  t.deepEqual(h.publisher.published, [
    {
      id: 'RSV-1.ReservationPlaced',
      topic: 'ReservationPlaced',
      time: '2030-01-01T09:00:00.000Z',
      payload: { ...facts, nights: 2, price: 100_000 },
    },
    {
      id: 'RSV-1.ReservationCancelled',
      topic: 'ReservationCancelled',
      time: '2030-01-01T09:01:00.000Z',
      payload: { ...facts, reason: 'plans changed' },
    },
  ]);
});

test('an expired hold is told as cancelled when its hold ran out, with the reason', async (t) => {
  const h = await reservationApi(t, { holdMs: 60_000, limit: 0 });
  await h.placed(alice, { roomId: oceanView.roomId, checkIn: '2030-03-01', nights: 1 });
  h.advance(70_000);
  await h.expireHolds();
  await settled();
  t.like(h.publisher.published[1], {
    id: 'RSV-1.ReservationCancelled',
    time: '2030-01-01T09:01:10.000Z',
    payload: { reason: 'not paid within the hold time' },
  });
});
