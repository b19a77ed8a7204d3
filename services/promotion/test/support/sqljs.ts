import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
