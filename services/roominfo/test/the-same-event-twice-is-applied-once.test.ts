import test from 'ava';
import { MyPage } from '@roomstay/contracts';
import { bodyAs, cloudEvent, asCustomer } from '../../../packages/platform/test/support/http.ts';
import { roominfoApi } from './support/app.ts';
import { lifeOf } from './support/events.ts';

test('an event delivered twice is applied once and both deliveries succeed', async (t) => {
  const { api, tell } = await roominfoApi(t);
  const life = lifeOf('RSV-1', { price: 120_000 });
  for (const event of [life.placed, life.approved, life.saved]) {
    t.is(await tell(event), 'SUCCESS');
    t.is(await tell(event), 'SUCCESS');
  }
  const page = bodyAs(MyPage, await api.get('/mypage/alice', asCustomer('alice')));
  t.is(page.reservations.length, 1);
  t.is(page.points, 12_000);
  t.is(page.coupons.length, 1);
});

test('a lost write race asks for redelivery, and the redelivery applies it', async (t) => {
  const { api, tell, store } = await roominfoApi(t);
  const life = lifeOf('RSV-1');
  store.conflictOnce = true;
  t.is(await tell(life.placed), 'RETRY');
  t.deepEqual(bodyAs(MyPage, await api.get('/mypage/alice', asCustomer('alice'))).reservations, []);
  t.is(await tell(life.placed), 'SUCCESS');
  t.is(bodyAs(MyPage, await api.get('/mypage/alice', asCustomer('alice'))).reservations.length, 1);
});

test('a malformed event is dropped and changes no page', async (t) => {
  const { api } = await roominfoApi(t);
  const life = lifeOf('RSV-1');
  if (life.placed.topic !== 'ReservationPlaced') return t.fail();
  const envelope = {
    ...cloudEvent('ReservationPlaced', life.placed.id, life.placed.payload),
    data: { ...life.placed.payload, nights: 0 },
  };
  t.is(await api.deliverRaw('ReservationPlaced', envelope), 'DROP');
  t.deepEqual(bodyAs(MyPage, await api.get('/mypage/alice', asCustomer('alice'))).reservations, []);
});
