import test from 'ava';
import { makeApplyEvent, makeGetMyPage } from '../src/application/mypage.ts';
import { lifeOf, type AnyEvent } from './support/events.ts';
import { InMemoryMyPageStore } from './support/fakes.ts';

/** Reservation ids as the service makes them (hyphens, hex), some lines placed, some not yet (a payment first). */
const ids = [
  'RSV-21f2bd7f-1d2e-492b-9fe4-8234e50644a7',
  'RSV-21f2bd7f1-d2e-492b-9fe4-8234e50644a7',
  'RSV-2a',
  'RSV-2-a',
  'RSV-2_a',
  'RSV-2A',
  'RSV-10',
  'RSV-9',
  'RSV-a-1',
  'RSV-a1',
];

test('following the next cursor of my page shows every line once and comes to an end', async (t) => {
  const store = new InMemoryMyPageStore();
  const apply = makeApplyEvent(store);
  for (const [n, id] of ids.entries()) {
    const life = lifeOf(id, { price: 10_000 });
    if (life.placed.topic !== 'ReservationPlaced') throw new Error('not a placement');
    const events: AnyEvent[] =
      n % 3 === 0
        ? [life.saved] // not placed yet: no check-in date
        : [{ ...life.placed, payload: { ...life.placed.payload, checkIn: '2030-04-04', checkOut: '2030-04-05' } }];
    for (const event of events) await apply(event.id, event.topic, event.payload);
  }
  const getMyPage = makeGetMyPage(store);
  const shown: string[] = [];
  let cursor: string | undefined;
  for (let pages = 0; pages <= ids.length; pages++) {
    const page = await getMyPage('alice', { limit: '2', ...(cursor ? { cursor } : {}) });
    shown.push(...page.reservations.map((line) => line.reservationId));
    cursor = page.next;
    if (!cursor) break;
  }
  t.is(cursor, undefined, 'the last page has no next');
  t.deepEqual([...shown].sort(), [...ids].sort(), 'every line, once');
});
