// A Dapr state store as the services see it, in memory: first write (etag
// null) over an existing key and writes over a stale ETag throw
// ConcurrencyConflict. Values are copied in and out, as JSON would.
//
// A service's tests get the platform as built ('@roomstay/platform', dist/),
// this package's own tests get its sources: two ConcurrencyConflict classes.
// A store must throw the one its DueList recognises, so services pass theirs.
import { ConcurrencyConflict, type VersionedStore, type Versioned } from '../../src/index.ts';

export class InMemoryDocuments<T = unknown> implements VersionedStore<T> {
  private readonly entries = new Map<string, Versioned<T>>();
  private version = 0;
  private readonly ttls = new Map<string, number>();
  /** Writes and deletes so far, for tests that count what a change costs. */
  writes = 0;
  /** Keys read so far. */
  reads = 0;

  /**
   * `writesOverGoneKeys`: as Dapr's Redis store does, a write over a version
   * succeeds when the key has no value (it was deleted, or expired).
   */
  constructor(
    private readonly conflict: new (message: string) => Error = ConcurrencyConflict,
    private readonly options: { writesOverGoneKeys?: boolean } = {},
  ) {}

  async get(key: string): Promise<Versioned<T> | undefined> {
    this.reads++;
    const entry = this.entries.get(key);
    return entry ? structuredClone(entry) : undefined;
  }

  async getAll(keys: readonly string[]) {
    return Promise.all(keys.map(async (key) => ({ key, entry: await this.get(key) })));
  }

  async save(key: string, value: T, guard?: { etag: string | null }, ttlSeconds?: number): Promise<void> {
    const current = this.entries.get(key);
    const overGone = guard?.etag && current === undefined && this.options.writesOverGoneKeys;
    if (guard && !overGone && (guard.etag === null ? current !== undefined : current?.etag !== guard.etag)) {
      throw new this.conflict(`${key} changed concurrently`);
    }
    this.writes++;
    this.entries.set(key, { value: structuredClone(value), etag: String(++this.version) });
    if (ttlSeconds !== undefined) this.ttls.set(key, ttlSeconds);
  }

  async delete(key: string, guard?: { etag: string }): Promise<void> {
    if (guard && this.entries.get(key)?.etag !== guard.etag) throw new this.conflict(`${key} changed concurrently`);
    this.writes++;
    this.entries.delete(key);
  }

  /** The time to live the last write of a key asked for, in seconds. */
  ttlOf(key: string): number | undefined {
    return this.ttls.get(key);
  }

  keys(): string[] {
    return [...this.entries.keys()];
  }
}
