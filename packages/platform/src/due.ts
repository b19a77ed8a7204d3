// A durable list of things that fall due at a time, kept in a store of JSON
// documents (a Dapr state store). Time is cut into windows; each window has a
// fixed number of slots, one document each, so that every key the list can
// use is known without listing the store. Adding an entry is one first-write
// of a free slot of its window (no read, no lock, no lost race to retry: a
// taken slot just means another slot). Taking what is due reads every slot of
// each window that has ended since a cursor, hands the entries over, moves the
// cursor, and deletes what it read. Adding costs one small write and taking
// costs the windows since the cursor, whatever the history. After a crash,
// windows past the cursor are handed over again: handlers must be idempotent.
import { z } from 'zod';
import { withOptimisticConcurrency, type VersionedStore } from './versioned.ts';
import { AppError } from './errors.ts';

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
  /**
   * Documents per window: at most this many entries fall due in one window
   * before later ones spill into the next. Taking reads them all, so keep it
   * near the busiest window's need.
   */
  slots: number;
  /** Windows looked at in one `takeDue`, so that a long outage is caught up in bounded steps. */
  maxWindowsPerTake?: number;
}

/** Free slots tried in one window before an entry spills into the next one. */
const TRIES_PER_WINDOW = 8;
const SPILL_WINDOWS = 4;

export class DueList<T> {
  private readonly maxWindows: number;
  private readonly entry: z.ZodType<DueEntry<T>>;

  /** `value` parses what is stored: documents are read back through it, never cast. */
  constructor(
    private readonly store: VersionedStore<unknown>,
    value: z.ZodType<T>,
    private readonly options: DueListOptions,
  ) {
    this.maxWindows = options.maxWindowsPerTake ?? 720;
    this.entry = z.object({ id: z.string(), dueAt: z.number(), value }) as z.ZodType<DueEntry<T>>;
  }

  private windowStart(at: number): number {
    return Math.floor(at / this.options.windowMs) * this.options.windowMs;
  }

  private key(windowStart: number, slot: number): string {
    return `${this.options.name}:due:${windowStart}:${slot}`;
  }

  private get cursorKey(): string {
    return `${this.options.name}:due:cursor`;
  }

  /** Remembers an entry until it is taken; durable once this resolves. */
  async add(entry: DueEntry<T>): Promise<void> {
    const first = this.windowStart(entry.dueAt);
    for (let w = 0; w < SPILL_WINDOWS; w++) {
      const start = first + w * this.options.windowMs;
      // A taken slot is a lost race: try another slot of the window.
      const added = await withOptimisticConcurrency(TRIES_PER_WINDOW, async () => {
        const slot = Math.floor(Math.random() * this.options.slots);
        await this.store.save(this.key(start, slot), entry, { etag: null });
        return true;
      });
      if (added) return;
    }
    throw new AppError('service_unavailable', `${this.options.name}: no free slot to remember ${entry.id}`, {
      headers: { 'Retry-After': '1' },
    });
  }

  /**
   * Hands the entries of every window that has ended by `now` to `handle`, window
   * after window; a window is forgotten only once `handle` resolved for it. A
   * window `handle` fails on stops the take, and is handed over again next time.
   */
  async takeDue(now: number, handle: (entries: Array<DueEntry<T>>) => Promise<void>): Promise<number> {
    const cursor = await this.store.get(this.cursorKey);
    // A list never taken from starts at the window before now: nothing can be due before it was first used.
    let through = cursor ? Cursor.parse(cursor.value).through : this.windowStart(now) - this.options.windowMs;
    let taken = 0;
    for (let n = 0; n < this.maxWindows && through + this.options.windowMs <= now; n++) {
      const start = through;
      const keys = Array.from({ length: this.options.slots }, (_, slot) => this.key(start, slot));
      const found = (await this.store.getAll(keys)).filter(({ entry }) => entry !== undefined);
      // An entry added twice sits in two slots: it is handed over once.
      const byId = new Map<string, DueEntry<T>>();
      for (const { entry } of found)
        if (entry) byId.set(this.entry.parse(entry.value).id, this.entry.parse(entry.value));
      const entries = [...byId.values()];
      if (entries.length) await handle(entries);
      taken += entries.length;
      through = start + this.options.windowMs;
      await this.advance(through);
      // Written only before the window ended (due times are in the future when added): nothing new can land in it.
      await Promise.all(found.map(({ key }) => this.store.delete(key)));
    }
    return taken;
  }

  /** The cursor only moves forward, whichever replica writes it. */
  private async advance(through: number): Promise<void> {
    await withOptimisticConcurrency(16, async () => {
      const stored = await this.store.get(this.cursorKey);
      if (stored && Cursor.parse(stored.value).through >= through) return;
      await this.store.save(this.cursorKey, { through }, { etag: stored?.etag ?? null });
    });
  }
}
