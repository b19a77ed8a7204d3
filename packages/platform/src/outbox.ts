// "Outbox in the aggregate": a stored record carries the events its last change
// owes the world. Writing the record and its events is one atomic write; the
// events are then published and cleared. A publish that fails leaves them
// owed, and the next touch of the record (or a sweep) publishes them again
// under the same stable ids, which consumers recognise.
import type { OutgoingEvent } from '@roomstay/contracts';
import { ConcurrencyConflict, type Versioned } from './dapr.ts';

export interface WithOutbox {
  outbox: OutgoingEvent[];
}

export async function settleOutbox<R extends WithOutbox>(
  stored: Versioned<R>,
  publish: (event: OutgoingEvent) => Promise<void>,
  replace: (record: R, etag: string) => Promise<void>,
): Promise<void> {
  if (stored.value.outbox.length === 0) return;
  for (const event of stored.value.outbox) await publish(event);
  try {
    await replace({ ...stored.value, outbox: [] }, stored.etag);
  } catch (error) {
    // Changed meanwhile (by a settle elsewhere, or a newer change that will settle itself).
    if (!(error instanceof ConcurrencyConflict)) throw error;
  }
}
