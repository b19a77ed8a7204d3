// Promotion's own store: SQLite compiled to WebAssembly (sql.js), held in memory
// and persisted to one file. Every commit is durable before it is answered: the
// whole database is written to a temporary file, fsynced, and renamed over the
// old one, so the file on disk is always a complete database, even after
// kill -9. Commits that arrive while a write is under way share the next write
// (group commit). Writing the whole file costs in proportion to its size, so
// published events leave the outbox (their ids stay unique per event anyway)
// and the file is compacted when opened.
import { mkdir, open, readFile, rename } from 'node:fs/promises';
import { dirname } from 'node:path';
import initSqlJs, { type Database, type SqlValue } from 'sql.js';
import type { OutgoingEvent } from '@roomstay/contracts';
import type { Promotion, Service } from '../domain/promotion.ts';
import type { OutboxEntry, PromotionStore, PromotionTx } from '../application/ports.ts';
import { faultOn } from '@roomstay/platform';

const schema = `
CREATE TABLE IF NOT EXISTS promotion (
  payment_id      TEXT PRIMARY KEY,
  coupon_id       TEXT NOT NULL UNIQUE,
  reservation_id  TEXT NOT NULL,
  customer_id     TEXT NOT NULL,
  customer_name   TEXT NOT NULL,
  payment_price   INTEGER NOT NULL,
  payment_status  TEXT NOT NULL,
  service         TEXT,
  point           INTEGER NOT NULL,
  status          TEXT NOT NULL CHECK (status IN ('granted', 'revoked')),
  granted_at      TEXT NOT NULL,
  revoked_at      TEXT
);
CREATE INDEX IF NOT EXISTS promotion_by_reservation ON promotion (reservation_id);
CREATE TABLE IF NOT EXISTS outbox (
  seq           INTEGER PRIMARY KEY AUTOINCREMENT,
  event_id      TEXT NOT NULL UNIQUE,
  topic         TEXT NOT NULL,
  event         TEXT NOT NULL,
  published_at  TEXT
);
CREATE INDEX IF NOT EXISTS outbox_unpublished ON outbox (seq) WHERE published_at IS NULL;
`;

const columns =
  'coupon_id, payment_id, reservation_id, customer_id, customer_name, payment_price, payment_status, service, point, status, granted_at, revoked_at';

function toPromotion(row: SqlValue[]): Promotion {
  const [
    couponId,
    paymentId,
    reservationId,
    customerId,
    customerName,
    price,
    ,
    service,
    point,
    status,
    grantedAt,
    revokedAt,
  ] = row;
  return {
    couponId: String(couponId),
    paymentId: String(paymentId),
    reservationId: String(reservationId),
    customerId: String(customerId),
    customerName: String(customerName),
    paymentPrice: Number(price),
    paymentStatus: 'Y',
    service: service === null ? null : (String(service) as Service),
    point: Number(point),
    status: status === 'revoked' ? 'revoked' : 'granted',
    grantedAt: String(grantedAt),
    revokedAt: revokedAt === null || revokedAt === undefined ? null : String(revokedAt),
  };
}

/** Writes bytes so that the path holds either the old or the new content, never a mix. */
async function writeAtomically(path: string, bytes: Uint8Array): Promise<void> {
  const partial = `${path}.partial`;
  const file = await open(partial, 'w');
  try {
    await file.writeFile(bytes);
    await file.sync();
  } finally {
    await file.close();
  }
  await rename(partial, path);
  const dir = await open(dirname(path), 'r');
  try {
    await dir.sync();
  } finally {
    await dir.close();
  }
}

interface Waiter {
  version: number;
  resolve: () => void;
  reject: (error: unknown) => void;
}

export class SqlJsPromotionStore implements PromotionStore {
  private changes = 0;
  private persisted = 0;
  /** The outbox rows on disk: the relay is handed no event whose commit could still be lost. */
  private durableSeq = 0;
  private writing: Promise<void> | undefined;
  private readonly waiters: Waiter[] = [];

  private constructor(
    private readonly db: Database,
    private readonly file: string,
  ) {}

  static async open(file: string): Promise<SqlJsPromotionStore> {
    const SQL = await initSqlJs();
    await mkdir(dirname(file), { recursive: true });
    const existing = await readFile(file).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return undefined;
      throw error;
    });
    const db = existing ? new SQL.Database(existing) : new SQL.Database();
    db.exec(schema);
    db.exec('DELETE FROM outbox WHERE published_at IS NOT NULL');
    db.exec('VACUUM');
    const store = new SqlJsPromotionStore(db, file);
    await store.durable();
    return store;
  }

  private findSync(paymentId: string): Promotion | undefined {
    const result = this.db.exec(`SELECT ${columns} FROM promotion WHERE payment_id = ?`, [paymentId]);
    const row = result[0]?.values[0];
    return row ? toPromotion(row) : undefined;
  }

  async transact<T>(work: (tx: PromotionTx) => T): Promise<T> {
    const tx: PromotionTx = {
      find: (paymentId) => this.findSync(paymentId),
      put: (p) => {
        this.db.run(
          `INSERT INTO promotion (${columns}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT (payment_id) DO UPDATE SET status = excluded.status, revoked_at = excluded.revoked_at`,
          [
            p.couponId,
            p.paymentId,
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
          ],
        );
      },
      enqueue: (event: OutgoingEvent) => {
        this.db.run('INSERT INTO outbox (event_id, topic, event) VALUES (?, ?, ?) ON CONFLICT (event_id) DO NOTHING', [
          event.id,
          event.topic,
          JSON.stringify(event),
        ]);
      },
    };
    this.db.exec('BEGIN');
    let result: T;
    try {
      result = work(tx);
      this.db.exec('COMMIT');
    } catch (error) {
      this.db.exec('ROLLBACK');
      throw error;
    }
    // Proving fault (test profile only): answered before the commit is on disk.
    if (!faultOn('ack-before-commit')) await this.durable();
    else void this.durable();
    return result;
  }

  async find(paymentId: string): Promise<Promotion | undefined> {
    return this.findSync(paymentId);
  }

  async unpublished(limit: number): Promise<OutboxEntry[]> {
    const durableSeq = faultOn('ack-before-commit') ? Number.MAX_SAFE_INTEGER : this.durableSeq;
    const result = this.db.exec(
      'SELECT seq, event FROM outbox WHERE published_at IS NULL AND seq <= ? ORDER BY seq LIMIT ?',
      [durableSeq, limit],
    );
    return (result[0]?.values ?? []).map(([seq, event]) => ({
      seq: Number(seq),
      event: JSON.parse(String(event)) as OutgoingEvent,
    }));
  }

  /**
   * Forgets published events. Not awaited to disk: if this is lost in a crash
   * the events are published again under the same ids, which consumers drop.
   */
  async markPublished(seqs: readonly number[]): Promise<void> {
    this.db.exec('BEGIN');
    for (const seq of seqs) this.db.run('DELETE FROM outbox WHERE seq = ?', [seq]);
    this.db.exec('COMMIT');
    void this.durable().catch(() => undefined);
  }

  /** Counts for health and tests: promotions, and events not yet published. */
  stats(): { promotions: number; unpublished: number } {
    const one = (sql: string) => Number(this.db.exec(sql)[0]?.values[0]?.[0] ?? 0);
    return {
      promotions: one('SELECT count(*) FROM promotion'),
      unpublished: one('SELECT count(*) FROM outbox'),
    };
  }

  /** Resolves once every change made so far is on disk. */
  private durable(): Promise<void> {
    const version = ++this.changes;
    const done = new Promise<void>((resolve, reject) => this.waiters.push({ version, resolve, reject }));
    this.writing ??= this.writeLoop();
    return done;
  }

  private async writeLoop(): Promise<void> {
    try {
      while (this.persisted < this.changes) {
        const version = this.changes;
        const seq = Number(
          this.db.exec('SELECT seq FROM sqlite_sequence WHERE name = ?', ['outbox'])[0]?.values[0]?.[0] ?? 0,
        );
        await writeAtomically(this.file, this.db.export());
        this.persisted = version;
        this.durableSeq = Math.max(this.durableSeq, seq);
        this.settle(
          (w) => w.version <= version,
          (w) => w.resolve(),
        );
      }
    } catch (error) {
      this.settle(
        () => true,
        (w) => w.reject(error),
      );
    } finally {
      this.writing = undefined;
    }
  }

  private settle(which: (w: Waiter) => boolean, how: (w: Waiter) => void): void {
    for (let i = this.waiters.length - 1; i >= 0; i--) {
      const waiter = this.waiters[i];
      if (waiter && which(waiter)) {
        this.waiters.splice(i, 1);
        how(waiter);
      }
    }
  }

  async close(): Promise<void> {
    await this.writing;
    this.db.close();
  }
}
