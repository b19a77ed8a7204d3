// The one outbox of every producer whose state lives in a Dapr state store
// (reservation, payment, room): a stored record carries the events its last
// change owes the world, written in the same write as the change. Before such
// a write, the record's key goes into a durable list of owed records (a
// DueList), due a little later; after it, the events are published at once in
// the background and cleared. The relay, run at start and then continuously,
// settles every record whose turn has come: if the inline publish failed, the
// process died, or the broker was down, the events leave with the relay, never
// waiting for a client's retry. Publishing is at-least-once under stable event
// ids, which consumers recognise.
import type { OutgoingEvent } from '@roomstay/contracts';
import { withOptimisticConcurrency, type Versioned } from './versioned.ts';
import type { DueList } from './due.ts';
import { faultOn } from './faults.ts';

export interface WithOutbox {
  outbox: OutgoingEvent[];
}

/** Publishes what a record owes, then clears its outbox (unless it changed meanwhile). */
export async function settleOutbox<R extends WithOutbox>(
  stored: Versioned<R>,
  publish: (event: OutgoingEvent) => Promise<void>,
  replace: (record: R, etag: string) => Promise<void>,
): Promise<void> {
  if (stored.value.outbox.length === 0) return;
  for (const event of stored.value.outbox) {
    try {
      await publish(event);
    } catch (error) {
      // Proving fault (test profile only): the failed event is cleared with the rest.
      if (!faultOn('forget-owed')) throw error;
    }
  }
  // Once: a lost race means it changed meanwhile (settled elsewhere, or a newer change that settles itself).
  await withOptimisticConcurrency(1, () => replace({ ...stored.value, outbox: [] }, stored.etag));
}

export interface Outbox<R extends WithOutbox> {
  /** Before writing a change that owes events: the relay will look at this record. */
  owe(key: string): Promise<void>;
  /** After the write: publishes what the record owes, in the background; a failure is the relay's to retry. */
  settleSoon(stored: Versioned<R>): void;
  /** One relay pass over the records whose turn has come; how many it looked at. */
  relay(): Promise<number>;
}

export function makeOutbox<R extends WithOutbox>(deps: {
  owed: DueList<string>;
  /** The records of several keys at once, in the order asked; undefined where there is none. */
  loadMany: (keys: readonly string[]) => Promise<Array<Versioned<R> | undefined>>;
  replace: (record: R, etag: string) => Promise<void>;
  publish: (event: OutgoingEvent) => Promise<void>;
  now: () => number;
  /** How long the inline publish has before the relay looks too (ms). */
  graceMs?: number;
}): Outbox<R> {
  const settle = (stored: Versioned<R>) => settleOutbox(stored, deps.publish, deps.replace);
  return {
    owe: (key) => deps.owed.add({ id: key, dueAt: deps.now() + (deps.graceMs ?? 2_000), value: key }),
    settleSoon: (stored) => void settle(stored).catch(() => undefined),
    relay: async () =>
      faultOn('no-relay')
        ? 0
        : deps.owed.takeDue(deps.now(), async (entries) => {
            // A window's records in one read: most settled when they were written and owe nothing now.
            for (const stored of await deps.loadMany(entries.map(({ value }) => value))) {
              if (stored) await settle(stored);
            }
          }),
  };
}

/**
 * Runs a task at once and then `everyMs` after each run ends, one run at a
 * time; a failed run is logged and the next one comes as usual. `stop` ends the
 * schedule and waits for a run under way. The relays and sweeps of every
 * service run this way.
 */
export function repeat(
  task: () => Promise<unknown>,
  everyMs: number,
  onError: (error: unknown) => void,
): { stop(): Promise<void> } {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let current: Promise<void> = Promise.resolve();
  const run = () => {
    current = task().then(
      () => undefined,
      (error: unknown) => onError(error),
    );
    void current.then(() => {
      if (!stopped) timer = setTimeout(run, everyMs);
    });
  };
  run();
  return {
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await current;
    },
  };
}
