// A durable list of things that fall due at a time, kept in a store of JSON
// documents (a Dapr state store): each entry goes into the document of the
// time window its due time falls in (sharded, so that concurrent writers
// rarely meet on one document), and a cursor remembers the last window fully
// handled. Adding costs one small document write; taking what is due costs
// the windows since the cursor, whatever the history. After a crash, windows
// past the cursor are handled again: handlers must be idempotent.
import { z } from 'zod';
import { withOptimisticConcurrency, type Versioned } from './dapr.ts';
import { AppError } from './errors.ts';

/** The part of a state store the list needs (DaprStateStore has it). */
export interface DocumentStore<T> {
  get(key: string): Promise<Versioned<T> | undefined>;
  getAll(keys: readonly string[]): Promise<Array<{ key: string; entry: Versioned<T> | undefined }>>;
  save(key: string, value: T, guard?: { etag: string | null }): Promise<void>;
  delete(key: string): Promise<void>;
}

export interface DueEntry<T> {
  id: string;
  /** ms since the epoch */
  dueAt: number;
  value: T;
}

/** Every window that ends at or before `through` (ms) has been handled. */
const Cursor = z.object({ through: z.number().int() });

export interface DueListOptions {
  /** Key prefix of this list's documents in the store. */
  name: string;
  /** Width of one window, ms. An entry is taken at most this much after it falls due (plus the poll interval). */
  windowMs: number;
  /** Documents per window. */
  shards: number;
  /** Windows looked at in one `takeDue`, so that a long outage is caught up in bounded steps. */
  maxWindowsPerTake?: number;
}

const ATTEMPTS = 16;

function shardOf(id: string, shards: number): number {
  let h = 0;
  for (let i = 0; i < id.length; i++) h = (h * 31 + id.charCodeAt(i)) >>> 0;
  return h % shards;
}

export class DueList<T> {
  private readonly maxWindows: number;
  private readonly window: z.ZodType<{ entries: Array<DueEntry<T>> }>;

  /** `value` parses what is stored: documents are read back through it, never cast. */
  constructor(
    private readonly store: DocumentStore<unknown>,
    value: z.ZodType<T>,
    private readonly options: DueListOptions,
  ) {
    this.maxWindows = options.maxWindowsPerTake ?? 720;
    this.window = z.object({
      entries: z.array(z.object({ id: z.string(), dueAt: z.number(), value })),
    }) as z.ZodType<{ entries: Array<DueEntry<T>> }>;
  }

  private async read<V>(schema: z.ZodType<V>, key: string): Promise<Versioned<V> | undefined> {
    const stored = await this.store.get(key);
    return stored && { value: schema.parse(stored.value), etag: stored.etag };
  }

  private windowStart(at: number): number {
    return Math.floor(at / this.options.windowMs) * this.options.windowMs;
  }

  private key(windowStart: number, shard: number): string {
    return `${this.options.name}:due:${windowStart}:${shard}`;
  }

  private get cursorKey(): string {
    return `${this.options.name}:due:cursor`;
  }

  /** Remembers an entry until it is taken; durable once this resolves. */
  async add(entry: DueEntry<T>): Promise<void> {
    const key = this.key(this.windowStart(entry.dueAt), shardOf(entry.id, this.options.shards));
    const added = await withOptimisticConcurrency(ATTEMPTS, async () => {
      const stored = await this.read(this.window, key);
      const entries = (stored?.value.entries ?? []).filter((e) => e.id !== entry.id);
      await this.store.save(key, { entries: [...entries, entry] }, { etag: stored?.etag ?? null });
      return true;
    });
    if (!added) throw new AppError('service_unavailable', `${key} is busy`, { headers: { 'Retry-After': '1' } });
  }

  /**
   * Hands the entries of every window that has ended by `now` to `handle`, window
   * after window; a window is forgotten only once `handle` resolved for it. A
   * window `handle` fails on stops the take, and is handed over again next time.
   */
  async takeDue(now: number, handle: (entries: Array<DueEntry<T>>) => Promise<void>): Promise<number> {
    const cursor = await this.read(Cursor, this.cursorKey);
    // A list never taken from starts at the window before now: nothing can be due before it was first used.
    let through = cursor?.value.through ?? this.windowStart(now) - this.options.windowMs;
    let taken = 0;
    for (let n = 0; n < this.maxWindows && through + this.options.windowMs <= now; n++) {
      const start = through;
      const keys = Array.from({ length: this.options.shards }, (_, shard) => this.key(start, shard));
      const found = await this.store.getAll(keys);
      const entries = found.flatMap(({ entry }) => (entry ? this.window.parse(entry.value).entries : []));
      if (entries.length) await handle(entries);
      taken += entries.length;
      through = start + this.options.windowMs;
      await this.advance(through);
      // Written only before the window ended (due times are in the future when added): nothing new can land in it.
      await Promise.all(found.filter(({ entry }) => entry).map(({ key }) => this.store.delete(key)));
    }
    return taken;
  }

  /** The cursor only moves forward, whichever replica writes it. */
  private async advance(through: number): Promise<void> {
    await withOptimisticConcurrency(ATTEMPTS, async () => {
      const stored = await this.read(Cursor, this.cursorKey);
      if (stored && stored.value.through >= through) return;
      await this.store.save(this.cursorKey, { through }, { etag: stored?.etag ?? null });
    });
  }
}
