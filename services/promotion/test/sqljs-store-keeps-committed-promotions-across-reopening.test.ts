import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import test from 'ava';
import initSqlJs from 'sql.js';
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

test('a database file written by the earlier whole-file store opens with its promotions and events, and takes new commits', async (t) => {
  const file = await tempDatabase(t);
  // What the earlier store left: one complete SQLite file, no journal, no store_position.
  const SQL = await initSqlJs();
  const old = new SQL.Database();
  old.exec(`CREATE TABLE promotion (payment_id TEXT PRIMARY KEY, coupon_id TEXT NOT NULL UNIQUE, reservation_id TEXT NOT NULL,
    customer_id TEXT NOT NULL, customer_name TEXT NOT NULL, payment_price INTEGER NOT NULL, payment_status TEXT NOT NULL,
    service TEXT, point INTEGER NOT NULL, status TEXT NOT NULL CHECK (status IN ('granted', 'revoked')),
    granted_at TEXT NOT NULL, revoked_at TEXT);
    CREATE TABLE outbox (seq INTEGER PRIMARY KEY AUTOINCREMENT, event_id TEXT NOT NULL UNIQUE, topic TEXT NOT NULL,
    event TEXT NOT NULL, published_at TEXT);`);
  const p = granted(1);
  old.run('INSERT INTO promotion VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)', [
    p.paymentId,
    p.couponId,
    p.reservationId,
    p.customerId,
    p.customerName,
    p.paymentPrice,
    p.paymentStatus,
    p.service,
    p.point,
    p.status,
    p.grantedAt,
    p.revokedAt,
  ]);
  old.run('INSERT INTO outbox (event_id, topic, event) VALUES (?, ?, ?)', [
    savedEvent(p).id,
    'PromotionSaved',
    JSON.stringify(savedEvent(p)),
  ]);
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, old.export());
  old.close();

  const store = await openStore(t, file);
  t.deepEqual(await store.find('PAY-1'), p);
  await store.transact((tx) => {
    tx.put(granted(2));
    tx.enqueue(savedEvent(granted(2)));
  });
  await store.close();
  const reopened = await openStore(t, file);
  t.deepEqual(await reopened.find('PAY-2'), granted(2));
  t.deepEqual(
    (await reopened.unpublished(10)).map((entry) => [entry.seq, entry.event.id]),
    [
      [1, 'PAY-1.PromotionSaved'],
      [2, 'PAY-2.PromotionSaved'],
    ],
  );
});
