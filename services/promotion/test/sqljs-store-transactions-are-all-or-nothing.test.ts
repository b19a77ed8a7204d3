import test from 'ava';
import { countsOnDisk, granted, openStore, savedEvent, tempDatabase } from './support/sqljs.ts';

test('a transaction that throws leaves neither its promotion nor its events, in memory or on disk', async (t) => {
  const file = await tempDatabase(t);
  const store = await openStore(t, file);
  await t.throwsAsync(
    store.transact((tx) => {
      tx.put(granted(1));
      tx.enqueue(savedEvent(granted(1)));
      throw new Error('rule broken halfway');
    }),
    { message: 'rule broken halfway' },
  );
  t.is(await store.find('PAY-1'), undefined);
  t.deepEqual(await store.unpublished(10), []);
  t.deepEqual(store.stats(), { promotions: 0, unpublished: 0 });
  t.deepEqual(await countsOnDisk(file), { promotions: 0, outbox: 0 });
});

test('the store takes new transactions after one was rolled back', async (t) => {
  const file = await tempDatabase(t);
  const store = await openStore(t, file);
  await store.transact((tx) => tx.put(granted(1)));
  await t.throwsAsync(
    store.transact((tx) => {
      tx.put(granted(2));
      throw new Error('no');
    }),
  );
  await store.transact((tx) => tx.put(granted(3)));
  t.truthy(await store.find('PAY-1'));
  t.is(await store.find('PAY-2'), undefined);
  t.truthy(await store.find('PAY-3'));
  t.deepEqual(await countsOnDisk(file), { promotions: 2, outbox: 0 });
});

test('a second promotion with a coupon already used fails the whole transaction', async (t) => {
  const file = await tempDatabase(t);
  const store = await openStore(t, file);
  await store.transact((tx) => tx.put(granted(1)));
  await t.throwsAsync(
    store.transact((tx) => {
      tx.enqueue(savedEvent(granted(2)));
      tx.put({ ...granted(2), couponId: 'CPN-1' });
    }),
  );
  t.is(await store.find('PAY-2'), undefined);
  t.deepEqual(await store.unpublished(10), []);
});
