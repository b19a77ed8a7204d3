import type { Logger } from '@roomstay/platform';
import type { EventPublisher, PromotionStore } from './ports.ts';

/**
 * The outbox relay: publishes committed events in commit order and marks them
 * published. It runs after each commit and on a timer, so an event whose
 * publish failed (broker or sidecar down) leaves on a later pass. Publishing
 * is at-least-once; the stable event id lets consumers drop a repeat.
 */
export function makeOutboxRelay(deps: {
  store: PromotionStore;
  publisher: EventPublisher;
  logger: Logger;
  batch?: number;
  /** A publish that has not answered by then ends the pass; the event is tried again on the next one. */
  publishTimeoutMs?: number;
}) {
  const publishOrGiveUp = (event: Parameters<EventPublisher['publish']>[0]) =>
    Promise.race([
      deps.publisher.publish(event),
      new Promise<never>((_, reject) => {
        setTimeout(
          () => reject(new Error(`publishing ${event.id} did not answer`)),
          deps.publishTimeoutMs ?? 30_000,
        ).unref();
      }),
    ]);
  let running: Promise<void> | undefined;
  let again = false;

  async function pass(): Promise<void> {
    for (;;) {
      const entries = await deps.store.unpublished(deps.batch ?? 100);
      if (entries.length === 0) return;
      const done: number[] = [];
      try {
        for (const entry of entries) {
          await publishOrGiveUp(entry.event);
          done.push(entry.seq);
        }
      } finally {
        if (done.length) await deps.store.markPublished(done);
      }
    }
  }

  /** Starts a pass, or asks the running one to look again when it ends. */
  function kick(): Promise<void> {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      do {
        again = false;
        try {
          await pass();
        } catch (error) {
          deps.logger.warn({ err: error }, 'outbox relay pass failed; events stay queued');
          return;
        }
      } while (again);
    })().finally(() => {
      running = undefined;
    });
    return running;
  }

  return { kick };
}
