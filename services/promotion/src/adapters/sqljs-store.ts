// Promotion's own store: SQLite compiled to WebAssembly (sql.js), held in memory
// and persisted incrementally, so a commit costs the same at any history size.
//
// On disk, next to `file` (say promotion.sqlite):
// - promotion.sqlite, the snapshot: a complete SQLite database that also
//   records, in store_position, the seq of the last transaction it holds;
// - promotion.sqlite.journal.<gen>, journal segments (see journal.ts): one
//   record per committed transaction, in commit order, oldest segment first.
// Opening loads the snapshot and replays the records after its seq.
//
// A commit is answered once its record is appended and fdatasynced (and, in a
// segment just created, the directory entry fsynced too). Commits that arrive
// while an append is under way share the next one (group commit).
//
// Snapshots keep replay short. One is taken when the journal has grown to a
// fixed share of the snapshot's size (and at least a floor), so the bytes a
// snapshot writes are spread over as many commits as it took to grow the
// journal: the cost per commit stays the same at any size. Taking one:
//   1. between two appends, export the database with store_position set to
//      the last committed seq S, and start a new segment for every record
//      appended from then on (records up to S may still go there: replay skips
//      them if this snapshot lands);
//   2. in the background, while commits go on, write the snapshot to
//      promotion.sqlite.partial, fsync it, rename it over promotion.sqlite and
//      fsync the directory;
//   3. only then delete the segments from before step 1, oldest first.
// A crash before the rename leaves the old snapshot and every segment; after
// it, the new snapshot and segments whose records it holds, which replay
// skips by seq. Nothing is lost and nothing is applied twice.
import * as nodeFs from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import initSqlJs, { type Database, type SqlJsStatic, type SqlValue, type Statement } from 'sql.js';
import { OutgoingEvent, serviceKinds } from '@roomstay/contracts';
import { z } from 'zod';
import { faultOn, type Logger } from '@roomstay/platform';
import type { Promotion } from '../domain/promotion.ts';
import type { OutboxEntry, PromotionStore, PromotionTx } from '../application/ports.ts';
import { type Change, decodeRecord, encodeRecord, scanSegment } from './journal.ts';

/** A stored service kind, parsed rather than cast. */
const StoredService = z.enum(serviceKinds);

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
CREATE TABLE IF NOT EXISTS store_position (
  id   INTEGER PRIMARY KEY CHECK (id = 1),
  seq  INTEGER NOT NULL
);
`;

const columns =
  'coupon_id, payment_id, reservation_id, customer_id, customer_name, payment_price, payment_status, service, point, status, granted_at, revoked_at';
const placeholders = columns.replace(/[a-z_]+/g, '?');

const sql = {
  find: `SELECT ${columns} FROM promotion WHERE payment_id = ?`,
  /** A second put of a payment only changes its status and revocation time. */
  put: `INSERT INTO promotion (${columns}) VALUES (${placeholders})
        ON CONFLICT (payment_id) DO UPDATE SET status = excluded.status, revoked_at = excluded.revoked_at`,
  /** Replay writes the row exactly as the journal recorded it. */
  restore: `INSERT INTO promotion (${columns}) VALUES (${placeholders})
            ON CONFLICT (payment_id) DO UPDATE SET ${columns
              .split(', ')
              .filter((c) => c !== 'payment_id')
              .map((c) => `${c} = excluded.${c}`)
              .join(', ')}`,
  enqueue: 'INSERT INTO outbox (event_id, topic, event) VALUES (?, ?, ?) ON CONFLICT (event_id) DO NOTHING',
  /** Replay gives the row the seq it had; a seq already present is an error, never a silent second copy. */
  restoreEvent: 'INSERT INTO outbox (seq, event_id, topic, event) VALUES (?, ?, ?, ?)',
  forget: 'DELETE FROM outbox WHERE seq = ?',
} as const;

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
    service: service === null ? null : StoredService.parse(service),
    point: Number(point),
    status: status === 'revoked' ? 'revoked' : 'granted',
    grantedAt: String(grantedAt),
    revokedAt: revokedAt === null || revokedAt === undefined ? null : String(revokedAt),
  };
}

const promotionParams = (p: Promotion): SqlValue[] => [
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
];

/** The file operations the store uses; tests pass a wrapper that watches them. */
export type FileSystem = Pick<typeof nodeFs, 'open' | 'readFile' | 'readdir' | 'rename' | 'rm' | 'mkdir'>;

/**
 * Named points of the write path, in the order they happen. A test hook runs
 * synchronously at each: copying the files there gives what a crash at that
 * point leaves on disk; throwing there is a failure at that point.
 */
export type WritePoint =
  /** A group of records is appended and fdatasynced; their commits are not answered yet. */
  | 'journal-synced'
  /** The snapshot is written and fsynced under its temporary name. */
  | 'snapshot-synced'
  /** The snapshot is renamed into place and the directory fsynced; the old segments are still there. */
  | 'snapshot-renamed'
  /** The segments the snapshot made redundant are deleted. */
  | 'journal-retired';

export interface StoreOptions {
  /**
   * A snapshot is due once the journal holds this share of the snapshot's
   * size (default 1/8)... A share, not a fixed size, keeps a snapshot's cost
   * per commit constant. A small one keeps the replay on open short: at a
   * million promotions the snapshot (373 MiB) loads in about 0.5 s of CPU and
   * a record replays in about 50 µs, so the longest journal at 1/8 (about
   * 45,000 grants) replays in about 2.5 s.
   */
  snapshotRatio?: number;
  /** ...and at least this many bytes (default 16 MiB), so a small store is not snapshotted every few commits. */
  snapshotMinBytes?: number;
  /** Told when a snapshot fails; the journal keeps everything and the snapshot is tried again later. */
  logger?: Pick<Logger, 'warn'>;
  files?: FileSystem;
  hook?: (point: WritePoint) => void;
}

/** What opening found and did. */
export interface Recovery {
  /** The seq of the last transaction the snapshot holds. */
  snapshotSeq: number;
  /** Records applied over the snapshot, and records skipped because the snapshot holds them. */
  replayed: number;
  skipped: number;
  /** Bytes of torn appends cut off the journal. */
  tornBytes: number;
  /** How long reading the snapshot and replaying took. */
  loadMs: number;
  replayMs: number;
}

interface Segment {
  gen: number;
  path: string;
  /** Bytes of whole, synced records. */
  bytes: number;
  handle: FileHandle | undefined;
  /** Its directory entry is not known to be on disk yet. */
  fresh: boolean;
  /** An append failed: anything past `bytes` is cut off before the next one. */
  dirty: boolean;
}

interface Waiter {
  seq: number;
  resolve: () => void;
  reject: (error: unknown) => void;
}

const SNAPSHOT_CHUNK = 4 * 2 ** 20;

let engine: Promise<SqlJsStatic> | undefined;
const sqlJs = () => (engine ??= initSqlJs());

const segmentPattern = (file: string) =>
  new RegExp(`^${basename(file).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\.journal\\.(\\d+)$`);

async function syncDirectory(fs: FileSystem, dir: string): Promise<void> {
  const handle = await fs.open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

async function writeAll(handle: FileHandle, bytes: Uint8Array): Promise<void> {
  for (let offset = 0; offset < bytes.length;) {
    const { bytesWritten } = await handle.write(bytes, offset, bytes.length - offset);
    offset += bytesWritten;
  }
}

async function readIfExists(fs: FileSystem, path: string): Promise<Buffer | undefined> {
  return fs.readFile(path).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw error;
  });
}

interface Loaded {
  db: Database;
  /** Segments found, oldest first, with the length of their intact records. */
  segments: Array<{ gen: number; path: string; validBytes: number; fileBytes: number }>;
  lastSeq: number;
  snapshotBytes: number;
  recovery: Recovery;
}

/**
 * Applies records to the database a run at a time, each run by its net
 * effect: a row is an after-image, so only a promotion's last image in the run
 * is written, and an event published within the run is never inserted. That
 * ends in the state applying every change in commit order would, since rows
 * do not depend on one another and an outbox seq is never used twice; it
 * spares most of the outbox traffic, which the relay deletes soon after it is
 * inserted. Runs are bounded so replay holds little in memory.
 */
class Replay {
  private readonly promotions = new Map<string, Promotion>();
  private readonly events = new Map<number, Extract<Change, { kind: 'event' }>>();
  private readonly forgotten: number[] = [];
  /** The highest outbox seq replayed, inserted or not: the outbox must never hand it out again. */
  private highestSeq = 0;
  private records = 0;
  private readonly statements = new Map<string, Statement>();

  constructor(private readonly db: Database) {}

  add(changes: readonly Change[]): void {
    for (const change of changes) {
      if (change.kind === 'promotion') {
        this.promotions.delete(change.promotion.paymentId); // keeps the map in order of last change
        this.promotions.set(change.promotion.paymentId, change.promotion);
      } else if (change.kind === 'event') {
        this.events.set(change.seq, change);
        this.highestSeq = Math.max(this.highestSeq, change.seq);
      } else {
        for (const seq of change.seqs) if (!this.events.delete(seq)) this.forgotten.push(seq);
      }
    }
    if (++this.records >= 4096) this.flush();
  }

  flush(): void {
    const run = (text: string, params: SqlValue[]) => {
      let statement = this.statements.get(text);
      if (!statement) this.statements.set(text, (statement = this.db.prepare(text)));
      statement.run(params);
    };
    for (const seq of this.forgotten) run(sql.forget, [seq]);
    for (const promotion of this.promotions.values()) run(sql.restore, promotionParams(promotion));
    for (const e of this.events.values()) run(sql.restoreEvent, [e.seq, e.eventId, e.topic, e.event]);
    this.forgotten.length = 0;
    this.promotions.clear();
    this.events.clear();
    this.records = 0;
  }

  /** Applies what is left and moves the outbox's AUTOINCREMENT past every seq the journal used. */
  finish(): void {
    this.flush();
    if (this.highestSeq === 0) return;
    this.db.run(
      `INSERT INTO sqlite_sequence (name, seq) SELECT 'outbox', 0
       WHERE NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = 'outbox')`,
    );
    this.db.run(`UPDATE sqlite_sequence SET seq = max(seq, ?) WHERE name = 'outbox'`, [this.highestSeq]);
  }

  free(): void {
    for (const statement of this.statements.values()) statement.free();
  }
}

/**
 * Builds the database as the files hold it: the snapshot, then every journal
 * record after its seq, which must follow it without a gap. Changes nothing on disk.
 */
async function load(fs: FileSystem, file: string): Promise<Loaded> {
  const began = performance.now();
  const SQL = await sqlJs();
  const image = await readIfExists(fs, file);
  const db = image ? new SQL.Database(image) : new SQL.Database();
  const replay = new Replay(db);
  try {
    // The database file lives in sql.js's in-memory file system, which a crash
    // loses anyway: SQLite's own rollback journal is only there to make
    // ROLLBACK work. Replay needs none (a replay that fails discards the
    // whole database), and skipping it spares a copy of every page it touches.
    db.exec('PRAGMA journal_mode = OFF');
    db.exec(schema);
    const position = db.exec('SELECT seq FROM store_position WHERE id = 1')[0]?.values[0]?.[0];
    const snapshotSeq = typeof position === 'number' ? position : 0;
    const loadMs = performance.now() - began;

    const dir = dirname(file);
    const pattern = segmentPattern(file);
    const found = (await fs.readdir(dir))
      .map((name) => ({ name, gen: Number(pattern.exec(name)?.[1] ?? Number.NaN) }))
      .filter((s) => Number.isSafeInteger(s.gen))
      .sort((a, b) => a.gen - b.gen);

    const segments: Loaded['segments'] = [];
    let lastSeq = snapshotSeq;
    let replayed = 0;
    let skipped = 0;
    db.exec('BEGIN');
    for (const { name, gen } of found) {
      const path = join(dir, name);
      const bytes = await fs.readFile(path);
      const scan = scanSegment(bytes, name);
      segments.push({ gen, path, validBytes: scan.validBytes, fileBytes: bytes.length });
      for (const payload of scan.payloads) {
        const entry = decodeRecord(payload, name);
        if (entry.seq <= snapshotSeq) {
          skipped++;
          continue;
        }
        if (entry.seq !== lastSeq + 1) {
          throw new Error(
            `${name}: expected the record of transaction ${lastSeq + 1}, found ${entry.seq}: committed transactions are missing or out of order`,
          );
        }
        replay.add(entry.changes);
        lastSeq = entry.seq;
        replayed++;
      }
    }
    replay.finish();
    db.exec('COMMIT');
    // From here on transactions can fail halfway and roll back: a rollback journal, kept in memory.
    db.exec('PRAGMA journal_mode = MEMORY');
    // Events published before the outbox forgot them (an older file) are not owed.
    db.exec('DELETE FROM outbox WHERE published_at IS NOT NULL');
    return {
      db,
      segments,
      lastSeq,
      snapshotBytes: image?.length ?? 0,
      recovery: {
        snapshotSeq,
        replayed,
        skipped,
        tornBytes: segments.reduce((sum, s) => sum + s.fileBytes - s.validBytes, 0),
        loadMs,
        replayMs: performance.now() - began - loadMs,
      },
    };
  } catch (error) {
    db.close();
    throw error;
  } finally {
    replay.free();
  }
}

/**
 * The database as the files on disk hold it, read without changing them (for
 * tests and tools). A writer may be taking a snapshot meanwhile, so a view
 * that does not hold together is read again.
 */
export async function loadPromotionDatabase(file: string, fs: FileSystem = nodeFs): Promise<Database> {
  for (let attempt = 1; ; attempt++) {
    try {
      return (await load(fs, file)).db;
    } catch (error) {
      if (attempt >= 5) throw error;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
}

export class SqlJsPromotionStore implements PromotionStore {
  /** The seq of the last transaction committed in memory, and of the last whose record is on disk. */
  private lastSeq: number;
  private durableSeq: number;
  /**
   * The outbox rows of committed transactions, and of those on disk: the relay
   * is handed no event whose commit could still be lost (it would tell the
   * world of a promotion a kill then undoes, and the retried grant of another).
   */
  private lastOutboxSeq = Number.MAX_SAFE_INTEGER;
  private durableOutboxSeq = Number.MAX_SAFE_INTEGER;
  /** Records of committed transactions not yet appended, in commit order. */
  private pending: Buffer[] = [];
  private readonly waiters: Waiter[] = [];
  private writerRunning = false;
  private writing: Promise<void> | undefined;
  private snapshotting: Promise<void> | undefined;
  private snapshotRequested = false;
  private readonly snapshotWaiters: Array<Omit<Waiter, 'seq'>> = [];
  /** After a failed snapshot, the next waits until the journal has grown by a snapshot's worth again. */
  private snapshotRetryAt = 0;
  private snapshotBytes: number;
  /** Live segments, oldest first; appends go to the last. */
  private segments: Segment[];
  /** Segments a landed snapshot made redundant that could not be deleted yet. */
  private leftovers: Segment[] = [];
  private nextGen: number;
  private readonly statements = new Map<string, Statement>();
  private readonly fs: FileSystem;

  /** What opening found: the snapshot's seq, records replayed and skipped, torn bytes cut. */
  readonly recovery: Recovery;

  private constructor(
    private readonly db: Database,
    private readonly file: string,
    loaded: Loaded,
    private readonly options: StoreOptions,
  ) {
    this.fs = options.files ?? nodeFs;
    this.lastSeq = this.durableSeq = loaded.lastSeq;
    this.snapshotBytes = loaded.snapshotBytes;
    this.recovery = loaded.recovery;
    this.segments = loaded.segments.map((s) => ({
      gen: s.gen,
      path: s.path,
      bytes: s.validBytes,
      handle: undefined,
      fresh: false,
      dirty: false,
    }));
    this.nextGen = (loaded.segments.at(-1)?.gen ?? 0) + 1;
    if (this.segments.length === 0) this.segments.push(this.newSegment());
  }

  static async open(file: string, options: StoreOptions = {}): Promise<SqlJsPromotionStore> {
    const fs = options.files ?? nodeFs;
    const dir = dirname(file);
    await fs.mkdir(dir, { recursive: true });
    // A snapshot a crash interrupted before its rename; the journal still holds all of it.
    await fs.rm(`${file}.partial`, { force: true });
    const loaded = await load(fs, file);
    try {
      // Cut torn appends, so that records appended from now on follow intact ones.
      for (const segment of loaded.segments) {
        if (segment.validBytes === segment.fileBytes) continue;
        const handle = await fs.open(segment.path, 'r+');
        try {
          await handle.truncate(segment.validBytes);
          await handle.sync();
        } finally {
          await handle.close();
        }
      }
      // Segments a crashed writer created: their names must be on disk before records in them are answered.
      await syncDirectory(fs, dir);
    } catch (error) {
      loaded.db.close();
      throw error;
    }
    return new SqlJsPromotionStore(loaded.db, file, loaded, options);
  }

  private newSegment(): Segment {
    const gen = this.nextGen++;
    return {
      gen,
      path: `${this.file}.journal.${gen}`,
      bytes: 0,
      handle: undefined,
      fresh: true,
      dirty: false,
    };
  }

  private statement(text: string): Statement {
    let statement = this.statements.get(text);
    if (!statement) this.statements.set(text, (statement = this.db.prepare(text)));
    return statement;
  }

  private findSync(paymentId: string): Promotion | undefined {
    const find = this.statement(sql.find);
    try {
      find.bind([paymentId]);
      return find.step() ? toPromotion(find.get()) : undefined;
    } finally {
      find.reset();
    }
  }

  async transact<T>(work: (tx: PromotionTx) => T): Promise<T> {
    const changes: Change[] = [];
    const tx: PromotionTx = {
      find: (paymentId) => this.findSync(paymentId),
      put: (p) => {
        this.statement(sql.put).run(promotionParams(p));
        const after = this.findSync(p.paymentId);
        if (after) changes.push({ kind: 'promotion', promotion: after });
      },
      enqueue: (event: OutgoingEvent) => {
        const text = JSON.stringify(event);
        this.statement(sql.enqueue).run([event.id, event.topic, text]);
        if (this.db.getRowsModified() === 0) return; // already queued under this id
        const seq = this.db.exec('SELECT last_insert_rowid()')[0]?.values[0]?.[0];
        if (typeof seq !== 'number') throw new Error('the outbox gave no seq');
        changes.push({ kind: 'event', seq, eventId: event.id, topic: event.topic, event: text });
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
    // A transaction that changed nothing may still have read what earlier ones
    // committed in memory: it answers once those are on disk.
    const durable = this.durable(changes.length > 0 ? this.commit(changes) : this.lastSeq);
    // Proving fault (test profile only): answered before the commit is on disk.
    if (faultOn('ack-before-commit')) void durable.catch(() => undefined);
    else await durable;
    return result;
  }

  /** Gives a committed transaction its seq and queues its record; synchronous with the COMMIT. */
  private commit(changes: Change[]): number {
    const seq = ++this.lastSeq;
    for (const change of changes) {
      if (change.kind !== 'event') continue;
      // The first event since open starts the count: everything loaded was on disk.
      if (this.lastOutboxSeq === Number.MAX_SAFE_INTEGER) this.durableOutboxSeq = change.seq - 1;
      this.lastOutboxSeq =
        this.lastOutboxSeq === Number.MAX_SAFE_INTEGER ? change.seq : Math.max(this.lastOutboxSeq, change.seq);
    }
    this.pending.push(encodeRecord({ seq, changes }));
    return seq;
  }

  async find(paymentId: string): Promise<Promotion | undefined> {
    return this.findSync(paymentId);
  }

  async unpublished(limit: number): Promise<OutboxEntry[]> {
    const durable = faultOn('ack-before-commit') ? Number.MAX_SAFE_INTEGER : this.durableOutboxSeq;
    const result = this.db.exec(
      'SELECT seq, event FROM outbox WHERE published_at IS NULL AND seq <= ? ORDER BY seq LIMIT ?',
      [durable, limit],
    );
    return (result[0]?.values ?? []).map(([seq, event]) => ({
      seq: Number(seq),
      // Parsed by the schema the event is validated by, not cast.
      event: OutgoingEvent.parse(JSON.parse(String(event))),
    }));
  }

  /**
   * Forgets published events. Not awaited to disk: if this is lost in a crash
   * the events are published again under the same ids, which consumers drop.
   */
  async markPublished(seqs: readonly number[]): Promise<void> {
    if (seqs.length === 0) return;
    this.db.exec('BEGIN');
    try {
      for (const seq of seqs) this.statement(sql.forget).run([seq]);
      this.db.exec('COMMIT');
    } catch (error) {
      this.db.exec('ROLLBACK');
      throw error;
    }
    void this.durable(this.commit([{ kind: 'published', seqs: [...seqs] }])).catch(() => undefined);
  }

  /** Counts for health and tests: promotions, and events not yet published. */
  stats(): { promotions: number; unpublished: number } {
    const one = (text: string) => Number(this.db.exec(text)[0]?.values[0]?.[0] ?? 0);
    return {
      promotions: one('SELECT count(*) FROM promotion'),
      unpublished: one('SELECT count(*) FROM outbox'),
    };
  }

  /** Sizes on disk: the last snapshot, the journal since, and the journal size that makes a snapshot due. */
  files(): { snapshotBytes: number; journalBytes: number; segments: number; snapshotDueAtBytes: number } {
    return {
      snapshotBytes: this.snapshotBytes,
      journalBytes: this.journalBytes(),
      segments: this.segments.length + this.leftovers.length,
      snapshotDueAtBytes: this.snapshotThreshold(),
    };
  }

  /** Takes a snapshot now; resolves once it is in place (the segments it replaces are then deleted, or left for the next one). */
  async checkpoint(): Promise<void> {
    await this.snapshotting;
    const done = new Promise<void>((resolve, reject) => this.snapshotWaiters.push({ resolve, reject }));
    this.snapshotRequested = true;
    this.kick();
    return done;
  }

  /** Resolves once the record of transaction `seq` (and of all before it) is on disk. */
  private durable(seq: number): Promise<void> {
    if (seq <= this.durableSeq) return Promise.resolve();
    const done = new Promise<void>((resolve, reject) => this.waiters.push({ seq, resolve, reject }));
    this.kick();
    return done;
  }

  /**
   * Starts the writer unless it runs. Whether it runs is decided in the same
   * synchronous step as its last look at `pending`, so a commit never queues a
   * record that nobody will append.
   */
  private kick(): void {
    if (this.writerRunning) return;
    this.writerRunning = true;
    this.writing = this.writeLoop();
  }

  /**
   * Appends whatever is pending, one group at a time, and starts a snapshot
   * between two appends when one is due. A failed append rejects every commit
   * waiting; their records stay pending, in order, and go with the next append
   * (a commit that was refused may so become durable later, as with any
   * database whose answer was lost).
   */
  private async writeLoop(): Promise<void> {
    try {
      for (;;) {
        if (this.pending.length > 0) await this.appendPending();
        if (this.snapshotDue()) this.startSnapshot();
        if (this.pending.length === 0) return;
      }
    } catch (error) {
      this.settle(
        () => true,
        (w) => w.reject(error),
      );
      // A checkpoint asked for waits on appends that failed: it fails with them.
      this.snapshotRequested = false;
      for (const waiter of this.snapshotWaiters.splice(0)) waiter.reject(error);
    } finally {
      this.writerRunning = false;
    }
  }

  private async appendPending(): Promise<void> {
    const batch = this.pending.splice(0);
    const upTo = this.lastSeq; // every record up to it is in this batch or already on disk
    const outboxUpTo = this.lastOutboxSeq;
    const bytes = Buffer.concat(batch);
    const segment = this.current();
    try {
      segment.handle ??= await this.fs.open(segment.path, 'a');
      if (segment.dirty) await segment.handle.truncate(segment.bytes);
      segment.dirty = true;
      await writeAll(segment.handle, bytes);
      await segment.handle.datasync();
      if (segment.fresh) {
        await syncDirectory(this.fs, dirname(this.file));
        segment.fresh = false;
      }
      this.options.hook?.('journal-synced');
      segment.dirty = false;
    } catch (error) {
      this.pending.unshift(...batch);
      throw error;
    }
    segment.bytes += bytes.length;
    this.durableSeq = upTo;
    this.durableOutboxSeq = outboxUpTo;
    this.settle(
      (w) => w.seq <= upTo,
      (w) => w.resolve(),
    );
  }

  private current(): Segment {
    const segment = this.segments.at(-1);
    if (!segment) throw new Error('the store has no journal segment');
    return segment;
  }

  private journalBytes(): number {
    return this.segments.reduce((sum, s) => sum + s.bytes, 0);
  }

  private snapshotThreshold(): number {
    const ratio = this.options.snapshotRatio ?? 1 / 8;
    const floor = this.options.snapshotMinBytes ?? 16 * 2 ** 20;
    return Math.max(floor, Math.ceil(ratio * this.snapshotBytes));
  }

  private snapshotDue(): boolean {
    if (this.snapshotting) return false;
    if (this.snapshotRequested) return true;
    return this.journalBytes() >= Math.max(this.snapshotThreshold(), this.snapshotRetryAt);
  }

  /** Step 1 of a snapshot (see the top of this file); runs between two appends. */
  private startSnapshot(): void {
    this.snapshotRequested = false;
    const waiters = this.snapshotWaiters.splice(0);
    let image: Uint8Array;
    try {
      this.db.run('INSERT OR REPLACE INTO store_position (id, seq) VALUES (1, ?)', [this.lastSeq]);
      image = this.db.export();
    } catch (error) {
      this.snapshotRetryAt = this.journalBytes() + this.snapshotThreshold();
      this.options.logger?.warn(
        { err: error },
        'promotion store: could not export a snapshot; the journal keeps everything',
      );
      for (const waiter of waiters) waiter.reject(error);
      return;
    }
    const retiring = this.segments;
    this.segments = [this.newSegment()];
    this.snapshotting = this.writeSnapshot(image, retiring)
      .then(
        () => {
          for (const waiter of waiters) waiter.resolve();
        },
        (error: unknown) => {
          for (const waiter of waiters) waiter.reject(error);
        },
      )
      .finally(() => {
        this.snapshotting = undefined;
        if (this.snapshotRequested) this.kick();
      });
  }

  /** Steps 2 and 3 of a snapshot. */
  private async writeSnapshot(image: Uint8Array, retiring: Segment[]): Promise<void> {
    const dir = dirname(this.file);
    const partial = `${this.file}.partial`;
    try {
      for (const segment of retiring) {
        const handle = segment.handle;
        segment.handle = undefined;
        await handle?.close();
      }
      const handle = await this.fs.open(partial, 'w');
      try {
        // In chunks, each flushed before the next: on ext4 (data=ordered) a
        // journal fdatasync waits for every dirty block of the filesystem's
        // current transaction, so commits made meanwhile wait for at most a
        // chunk, not the whole snapshot.
        for (let offset = 0; offset < image.length; offset += SNAPSHOT_CHUNK) {
          await writeAll(handle, image.subarray(offset, offset + SNAPSHOT_CHUNK));
          await handle.datasync();
        }
        await handle.sync();
      } finally {
        await handle.close();
      }
      this.options.hook?.('snapshot-synced');
      await this.fs.rename(partial, this.file);
      await syncDirectory(this.fs, dir);
      this.options.hook?.('snapshot-renamed');
    } catch (error) {
      // The old snapshot and every segment still hold everything: keep them.
      this.segments = [...retiring, ...this.segments];
      this.snapshotRetryAt = this.journalBytes() + this.snapshotThreshold();
      this.options.logger?.warn(
        { err: error },
        'promotion store: snapshot failed; the journal keeps growing until one lands',
      );
      await this.fs.rm(partial, { force: true }).catch(() => undefined);
      throw error;
    }
    this.snapshotBytes = image.length;
    this.snapshotRetryAt = 0;
    // Oldest first: whatever a crash leaves behind is a run of the newest segments.
    this.leftovers.push(...retiring);
    try {
      while (this.leftovers[0]) {
        await this.fs.rm(this.leftovers[0].path, { force: true });
        this.leftovers.shift();
      }
      await syncDirectory(this.fs, dir);
      this.options.hook?.('journal-retired');
    } catch (error) {
      // Harmless: replay skips what the snapshot holds; the next snapshot deletes them.
      this.options.logger?.warn(
        { err: error },
        'promotion store: could not delete journal segments a snapshot replaced',
      );
    }
  }

  /** Settles the chosen waiters in commit order. */
  private settle(which: (w: Waiter) => boolean, how: (w: Waiter) => void): void {
    const chosen = this.waiters.filter(which);
    const rest = this.waiters.filter((w) => !which(w));
    this.waiters.splice(0, this.waiters.length, ...rest);
    for (const waiter of chosen) how(waiter);
  }

  /** Waits for appends and a snapshot under way, then closes; closing again is harmless. */
  async close(): Promise<void> {
    if (this.pending.length > 0) this.kick();
    while (this.writerRunning || this.snapshotting) await Promise.allSettled([this.writing, this.snapshotting]);
    for (const segment of this.segments) {
      const handle = segment.handle;
      segment.handle = undefined;
      await handle?.close();
    }
    for (const statement of this.statements.values()) statement.free();
    this.statements.clear();
    this.db.close();
  }
}
