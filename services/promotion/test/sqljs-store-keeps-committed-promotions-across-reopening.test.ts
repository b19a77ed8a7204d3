import test from 'ava';
import { revoke } from '../src/domain/promotion.ts';
import { crashImage, granted, openStore, savedEvent, tempDatabase } from './support/sqljs.ts';

test('a committed promotion survives closing and reopening the file', async (t) => {
  const file = await tempDatabase(t);
  const first = await openStore(t, file);
  const promotion = granted(1, 75_000);
  await first.transact((tx) => {
    tx.put(promotion);
    tx.enqueue(savedEvent(promotion));
  });
  await first.close();

  const reopened = await openStore(t, file);
  t.deepEqual(await reopened.find('PAY-1'), promotion);
  t.deepEqual(
    (await reopened.unpublished(10)).map((entry) => entry.event),
    [savedEvent(promotion)],
  );
});

test("a revocation written over a grant survives reopening, with the grant's coupon and points", async (t) => {
  const file = await tempDatabase(t);
  const first = await openStore(t, file);
  const promotion = granted(1, 120_000);
  await first.transact((tx) => tx.put(promotion));
  await first.transact((tx) => tx.put(revoke(promotion, '2030-01-02T00:00:00.000Z')));
  await first.close();

  const reopened = await openStore(t, file);
  t.deepEqual(await reopened.find('PAY-1'), { ...promotion, status: 'revoked', revokedAt: '2030-01-02T00:00:00.000Z' });
});

test('a transaction resolves with what its work returned, once it is on disk', async (t) => {
  const file = await tempDatabase(t);
  const store = await openStore(t, file);
  const result = await store.transact((tx) => {
    tx.put(granted(1));
    return tx.find('PAY-1')?.couponId;
  });
  t.is(result, 'CPN-1');
  const again = await openStore(t, file);
  t.truthy(await again.find('PAY-1'));
});

test('an answered commit is in the files even when the store is never closed', async (t) => {
  const file = await tempDatabase(t);
  const store = await openStore(t, file);
  for (const n of [1, 2, 3]) {
    await store.transact((tx) => {
      tx.put(granted(n));
      tx.enqueue(savedEvent(granted(n)));
    });
  }
  // What a crash right now would leave: the store is still open, nothing was flushed by closing it.
  const reopened = await openStore(t, crashImage(t, file));
  for (const n of [1, 2, 3]) t.deepEqual(await reopened.find(`PAY-${n}`), granted(n));
  t.deepEqual(
    (await reopened.unpublished(10)).map((entry) => entry.event.id),
    ['PAY-1.PromotionSaved', 'PAY-2.PromotionSaved', 'PAY-3.PromotionSaved'],
  );
});

test('promotions committed before and after a snapshot all survive reopening', async (t) => {
  const file = await tempDatabase(t);
  const store = await openStore(t, file);
  await store.transact((tx) => tx.put(granted(1)));
  await store.checkpoint();
  await store.transact((tx) => tx.put(granted(2)));
  await store.transact((tx) => tx.put(revoke(granted(1), '2030-01-02T00:00:00.000Z')));
  await store.close();

  const reopened = await openStore(t, file);
  t.deepEqual(await reopened.find('PAY-1'), revoke(granted(1), '2030-01-02T00:00:00.000Z'));
  t.deepEqual(await reopened.find('PAY-2'), granted(2));
  t.is(reopened.recovery.replayed, 2, 'the two commits after the snapshot come from the journal');
});
