// Reopening rebuilds the store by replaying the journal over the snapshot, in
// the order transactions committed: a later change to a promotion wins over
// an earlier one, and the outbox keeps its seqs and its order.
import test from 'ava';
import { revoke } from '../src/domain/promotion.ts';
import { promotionRevoked } from '../src/application/events.ts';
import { contents, granted, openStore, savedEvent, tempDatabase } from './support/sqljs.ts';

const at = '2030-01-02T00:00:00.000Z';

test('commits fired together and answered by one group commit replay in the order they committed', async (t) => {
  const file = await tempDatabase(t);
  const store = await openStore(t, file);
  const payments = Array.from({ length: 20 }, (_, i) => `PAY-${i + 1}`);
  // Each grant is followed, in a later transaction of the same group, by its revocation.
  await Promise.all(
    Array.from({ length: 20 }, (_, i) => i + 1).flatMap((n) => [
      store.transact((tx) => {
        tx.put(granted(n));
        tx.enqueue(savedEvent(granted(n)));
      }),
      store.transact((tx) => {
        const revoked = revoke(granted(n), at);
        tx.put(revoked);
        tx.enqueue(promotionRevoked(revoked, at));
      }),
    ]),
  );
  const expected = await contents(store, payments);
  t.true(expected.promotions.every((p) => p?.status === 'revoked'));
  await store.close();

  const reopened = await openStore(t, file);
  t.deepEqual(await contents(reopened, payments), expected);
  t.deepEqual(
    (await reopened.unpublished(4)).map((entry) => entry.event.id),
    ['PAY-1.PromotionSaved', 'PAY-1.PromotionRevoked', 'PAY-2.PromotionSaved', 'PAY-2.PromotionRevoked'],
  );
});

test('a grant revoked in one transaction and granted again in a later one replays to the grant', async (t) => {
  const file = await tempDatabase(t);
  const store = await openStore(t, file);
  await store.transact((tx) => tx.put(granted(1)));
  await store.checkpoint();
  await store.transact((tx) => tx.put(revoke(granted(1), at)));
  // The upsert keeps the coupon and takes the new status: a put that undoes the revocation.
  await store.transact((tx) => tx.put(granted(1)));
  await store.transact((tx) => tx.put(revoke(granted(1), '2030-01-03T00:00:00.000Z')));
  await store.transact((tx) => tx.put(granted(1)));
  await store.close();

  const reopened = await openStore(t, file);
  t.deepEqual(await reopened.find('PAY-1'), granted(1));
  t.is(reopened.recovery.replayed, 4);
});

test('new events after reopening are queued after the replayed ones', async (t) => {
  const file = await tempDatabase(t);
  const store = await openStore(t, file);
  for (const n of [1, 2, 3]) await store.transact((tx) => tx.enqueue(savedEvent(granted(n))));
  await store.close();
  const reopened = await openStore(t, file);
  await reopened.transact((tx) => tx.enqueue(savedEvent(granted(4))));
  const entries = await reopened.unpublished(10);
  t.deepEqual(
    entries.map((entry) => entry.event.id),
    ['PAY-1.PromotionSaved', 'PAY-2.PromotionSaved', 'PAY-3.PromotionSaved', 'PAY-4.PromotionSaved'],
  );
  t.deepEqual(
    entries.map((entry) => entry.seq),
    [1, 2, 3, 4],
  );
});
