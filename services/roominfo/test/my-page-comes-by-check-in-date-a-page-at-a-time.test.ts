import test from 'ava';
import { makeApplyEvent, makeGetMyPage } from '../src/application/mypage.ts';
import { lifeOf, type AnyEvent } from './support/events.ts';
import { InMemoryMyPageStore } from './support/fakes.ts';

/** The placement and the promotion of a stay checking in on `checkIn`. */
function stay(reservationId: string, checkIn: string, price: number): AnyEvent[] {
  const life = lifeOf(reservationId, { price });
  if (life.placed.topic !== 'ReservationPlaced') throw new Error('not a placement');
  return [{ ...life.placed, payload: { ...life.placed.payload, checkIn, checkOut: checkIn } }, life.saved];
}

async function pageOf(events: AnyEvent[]) {
  const store = new InMemoryMyPageStore();
  const apply = makeApplyEvent(store);
  for (const event of events) await apply(event.id, event.topic, event.payload);
  return makeGetMyPage(store);
}

test('my page lists reservations by check-in date, then by reservation, whatever order they came in', async (t) => {
  const getMyPage = await pageOf([
    ...stay('RSV-1', '2030-05-01', 10_000),
    ...stay('RSV-3', '2030-03-01', 10_000),
    ...stay('RSV-2', '2030-04-01', 10_000),
    ...stay('RSV-0', '2030-04-01', 10_000),
  ]);
  t.deepEqual(
    (await getMyPage('alice')).reservations.map((line) => [line.checkIn, line.reservationId]),
    [
      ['2030-03-01', 'RSV-3'],
      ['2030-04-01', 'RSV-0'],
      ['2030-04-01', 'RSV-2'],
      ['2030-05-01', 'RSV-1'],
    ],
  );
});

test('a page holds the reservations it shows and their coupons, and the points of every granted promotion', async (t) => {
  const getMyPage = await pageOf([
    ...stay('RSV-1', '2030-03-01', 120_000),
    ...stay('RSV-2', '2030-04-01', 150_000),
    ...stay('RSV-3', '2030-05-01', 200_000),
  ]);
  const first = await getMyPage('alice', { limit: '2' });
  t.deepEqual(
    first.reservations.map((line) => line.reservationId),
    ['RSV-1', 'RSV-2'],
  );
  t.deepEqual(
    first.coupons.map((coupon) => coupon.couponId),
    ['CPN-RSV-1', 'CPN-RSV-2'],
  );
  t.is(first.points, 12_000 + 15_000 + 20_000);
  t.truthy(first.next);
  const second = await getMyPage('alice', { limit: '2', ...(first.next ? { cursor: first.next } : {}) });
  t.deepEqual(second, {
    customerId: 'alice',
    reservations: second.reservations,
    points: 47_000,
    coupons: [{ couponId: 'CPN-RSV-3', reservationId: 'RSV-3', service: 'DISCOUNT COUPON' }],
  });
  t.deepEqual(
    second.reservations.map((line) => line.reservationId),
    ['RSV-3'],
  );
});
