// Optimistic concurrency, whatever store holds the documents: read a version,
// decide, write only over that version. A write that finds another version
// there lost a race (ConcurrencyConflict); the one helper below decides what
// happens then: read and decide again, at most so many times. Every service's
// read-decide-write goes through it, and application code sees only these
// store-neutral types.

/** A stored document and the version (ETag) that guards the next write. */
export interface Versioned<T> {
  value: T;
  etag: string;
}

/** A keyed map of documents with optimistic concurrency (DaprStateStore is one). */
export interface VersionedStore<T> {
  /** The document and its version, or undefined when the key has none. */
  get(key: string): Promise<Versioned<T> | undefined>;
  /** Several keys at once; keys with no document have no `entry`. */
  getAll(keys: readonly string[]): Promise<Array<{ key: string; entry: Versioned<T> | undefined }>>;
  /**
   * Writes one document. With `etag`, only over that version; with `etag: null`,
   * only if the key has none yet (first write wins); else unconditionally.
   * Throws ConcurrencyConflict when the guard does not hold. With `ttlSeconds`,
   * the store forgets the document that long after the write.
   */
  save(key: string, value: T, guard?: { etag: string | null }, ttlSeconds?: number): Promise<void>;
  /** With `etag`, only that version (else ConcurrencyConflict). */
  delete(key: string, guard?: { etag: string }): Promise<void>;
}

const lostRace = Symbol.for('roomstay.ConcurrencyConflict');

/** Thrown when a write lost a race (another version, or a first write over an existing key). */
export class ConcurrencyConflict extends Error {
  override readonly name = 'ConcurrencyConflict';
  readonly [lostRace] = true;
  /**
   * Known by its mark, not by class identity: this module can be loaded twice
   * in one process (the built package and its sources, as tests do), and a lost
   * race thrown by one copy must still be a lost race to the other.
   */
  static override [Symbol.hasInstance](value: unknown): boolean {
    return typeof value === 'object' && value !== null && lostRace in value;
  }
}

/**
 * Runs `attempt` (read, decide, write over the version read) again each time
 * its write loses a race, at most `times` times. Resolves undefined when it
 * never won: with `times` 1, "a lost race is an answer too" (someone else's
 * write stands). Other errors pass through.
 */
export async function withOptimisticConcurrency<T>(times: number, attempt: () => Promise<T>): Promise<T | undefined> {
  for (let i = 0; i < times; i++) {
    try {
      return await attempt();
    } catch (error) {
      if (!(error instanceof ConcurrencyConflict)) throw error;
    }
  }
  return undefined;
}
