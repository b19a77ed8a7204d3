import { cpSync, mkdtempSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import type { ExecutionContext } from 'ava';
import type { OutgoingEvent } from '@roomstay/contracts';
import { loadPromotionDatabase, SqlJsPromotionStore, type StoreOptions } from '../../src/adapters/sqljs-store.ts';
import { promotionSaved } from '../../src/application/events.ts';
import { decideGrant, type Promotion } from '../../src/domain/promotion.ts';

/** A database file path in a fresh temporary directory, removed when the test ends. */
export async function tempDatabase(t: ExecutionContext): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'promotion-store-'));
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  return join(dir, 'data', 'promotion.sqlite');
}

/** Opens the store and closes it when the test ends (closing again is harmless). */
export async function openStore(
  t: ExecutionContext,
  file: string,
  options?: StoreOptions,
): Promise<SqlJsPromotionStore> {
  const store = await SqlJsPromotionStore.open(file, options);
  t.teardown(() => store.close());
  return store;
}

export function granted(n: number, paymentPrice = 100_000): Promotion {
  const decision = decideGrant(
    {
      paymentId: `PAY-${n}`,
      reservationId: `RSV-${n}`,
      customerId: 'alice',
      customerName: 'Alice',
      paymentPrice,
      paymentStatus: 'Y',
    },
    `CPN-${n}`,
    '2030-01-01T00:00:00.000Z',
  );
  if (decision.kind !== 'grant') throw new Error('a paid payment is granted');
  return decision.promotion;
}

export const savedEvent = (promotion: Promotion): OutgoingEvent =>
  promotionSaved(promotion, '2030-01-01T00:00:00.000Z');

/** Reads the snapshot and journal as they are on disk, without writing them. */
export async function countsOnDisk(file: string): Promise<{ promotions: number; outbox: number }> {
  const db = await loadPromotionDatabase(file);
  try {
    const one = (sql: string) => Number(db.exec(sql)[0]?.values[0]?.[0] ?? Number.NaN);
    return { promotions: one('SELECT count(*) FROM promotion'), outbox: one('SELECT count(*) FROM outbox') };
  } finally {
    db.close();
  }
}

/** The names of the store's files (snapshot, journal segments), sorted. */
export async function storeFiles(file: string): Promise<string[]> {
  return (await readdir(dirname(file))).sort();
}

/**
 * Copies the store's directory as it is this instant (synchronously, so no
 * write of the store lands halfway through) to a fresh directory, and returns
 * the database path in the copy: what a crash at this instant would leave.
 */
export function crashImage(t: ExecutionContext, file: string): string {
  const copy = mkdtempSync(join(tmpdir(), 'promotion-crash-'));
  t.teardown(() => rm(copy, { recursive: true, force: true }));
  cpSync(dirname(file), copy, { recursive: true });
  return join(copy, basename(file));
}

/** Everything the store holds, for comparing two stores: promotions by payment, and the outbox with its seqs. */
export async function contents(store: SqlJsPromotionStore, payments: readonly string[]) {
  return {
    promotions: await Promise.all(payments.map((id) => store.find(id))),
    outbox: (await store.unpublished(1_000_000)).map((entry) => ({ seq: entry.seq, id: entry.event.id })),
  };
}
