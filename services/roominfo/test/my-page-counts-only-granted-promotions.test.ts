import test from 'ava';
import { MyPage } from '@roomstay/contracts';
import { makeGetMyPage } from '../src/application/mypage.ts';
import { emptyLine, fold, patchFor } from '../src/application/view.ts';
import { bodyAs, asCustomer } from '../../../packages/platform/test/support/http.ts';
import { roominfoApi } from './support/app.ts';
import { lifeOf, type AnyEvent } from './support/events.ts';
import { InMemoryMyPageStore } from './support/fakes.ts';

// alice: a coupon stay (granted), a points-only stay (granted), a beverage stay revoked, a stay paid but not yet promoted.
const coupon = lifeOf('RSV-A', { price: 100_000 });
const pointsOnly = lifeOf('RSV-B', { price: 30_000 });
const revoked = lifeOf('RSV-C', { price: 60_000 });
const pending = lifeOf('RSV-D', { price: 80_000 });
const history: AnyEvent[] = [
  coupon.placed,
  coupon.approved,
  coupon.saved,
  pointsOnly.placed,
  pointsOnly.saved,
  revoked.placed,
  revoked.approved,
  revoked.saved,
  revoked.cancelled,
  revoked.refunded,
  revoked.revoked,
  pending.placed,
  pending.approved,
];

test('points add up granted promotions only, and coupons list granted promotions with a service only', async (t) => {
  const store = new InMemoryMyPageStore();
  for (const event of history) {
    const change = patchFor(event.topic, event.payload);
    if (!change) return t.fail();
    await store.apply(change.customerId, event.id, change.patch, (line, patch) =>
      fold(line ?? emptyLine(patch.reservationId), patch),
    );
  }
  const page = MyPage.parse(await makeGetMyPage(store)('alice'));
  t.is(page.points, 10_000 + 3_000);
  t.deepEqual(page.coupons, [{ couponId: 'CPN-RSV-A', reservationId: 'RSV-A', service: 'DISCOUNT COUPON' }]);
  t.deepEqual(
    page.reservations.map((line) => [line.reservationId, line.promotionStatus]),
    [
      ['RSV-A', 'granted'],
      ['RSV-B', 'granted'],
      ['RSV-C', 'revoked'],
      ['RSV-D', 'pending'],
    ],
  );
});

test('GET /mypage/:customerId shows what the delivered events told', async (t) => {
  const { api, tell } = await roominfoApi(t);
  for (const event of history) t.is(await tell(event), 'SUCCESS', event.id);
  const reply = await api.get('/mypage/alice', asCustomer('alice'));
  t.is(reply.status, 200);
  const page = bodyAs(MyPage, reply);
  t.is(page.customerId, 'alice');
  t.is(page.points, 13_000);
  t.deepEqual(
    page.coupons.map((c) => c.couponId),
    ['CPN-RSV-A'],
  );
  t.like(page.reservations[2], {
    reservationId: 'RSV-C',
    reservationStatus: 'cancelled',
    paymentStatus: 'REFUNDED',
    promotionStatus: 'revoked',
  });
});

test("a customer's page does not show another customer's reservations", async (t) => {
  const { api, tell } = await roominfoApi(t);
  for (const event of lifeOf('RSV-B1', { customerId: 'bob' }).all) await tell(event);
  await tell(coupon.placed);
  const page = bodyAs(MyPage, await api.get('/mypage/alice', asCustomer('alice')));
  t.deepEqual(
    page.reservations.map((line) => line.reservationId),
    ['RSV-A'],
  );
  const empty = bodyAs(MyPage, await api.get('/mypage/carol', asCustomer('carol')));
  t.deepEqual(empty, { customerId: 'carol', reservations: [], points: 0, coupons: [] });
});
