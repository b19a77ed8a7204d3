import test from 'ava';
import { alice, oceanView, reservationApi } from './support/app.ts';

const night = (day: number) => ({ roomId: oceanView.roomId, checkIn: `2030-03-0${day}`, nights: 1 });

test('the soonest of several holds, in whatever order they are kept, says when to come back', async (t) => {
  const h = await reservationApi(t, { holdMs: 60_000, limit: 2 });
  // Holds of placements still being written (no reservation yet) count as unpaid.
  await h.holds.save(
    'alice',
    {
      holds: [
        { reservationId: 'RSV-LATER', expiresAt: '2030-01-01T09:00:50.000Z' },
        { reservationId: 'RSV-SOONER', expiresAt: '2030-01-01T09:00:20.000Z' },
      ],
    },
    null,
  );
  const refused = await h.place(alice, night(1));
  t.is(refused.status, 429);
  t.is(refused.headers.get('retry-after'), '20');
});
