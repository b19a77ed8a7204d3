import test from 'ava';
import { makeApplyEvent, makeGetMyPage } from '../src/application/mypage.ts';
import { lifeOf } from './support/events.ts';
import { InMemoryMyPageStore } from './support/fakes.ts';

test('a reservation my page knows only from its payment, with no check-in date yet, is listed before dated ones', async (t) => {
  const store = new InMemoryMyPageStore();
  const apply = makeApplyEvent(store);
  const dated = lifeOf('RSV-A');
  const undated = lifeOf('RSV-B');
  await apply(dated.placed.id, dated.placed.topic, dated.placed.payload);
  await apply(undated.approved.id, undated.approved.topic, undated.approved.payload);
  const page = await makeGetMyPage(store)('alice');
  t.deepEqual(
    page.reservations.map((line) => line.reservationId),
    ['RSV-B', 'RSV-A'],
  );
});
