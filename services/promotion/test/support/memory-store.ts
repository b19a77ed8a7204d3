// An in-memory PromotionStore with the semantics of the sql.js one: a
// transaction commits all or nothing, a promotion is keyed by paymentId (a
// second put only changes status and revokedAt), and an event id is queued in
// the outbox at most once.
import type { OutgoingEvent } from '@roomstay/contracts';
import type { OutboxEntry, PromotionStore, PromotionTx } from '../../src/application/ports.ts';
import type { Promotion } from '../../src/domain/promotion.ts';

interface Queued extends OutboxEntry {
  published: boolean;
}

export class InMemoryPromotionStore implements PromotionStore {
  private promotions = new Map<string, Promotion>();
  private queue: Queued[] = [];
  private seq = 0;

  async transact<T>(work: (tx: PromotionTx) => T): Promise<T> {
    const promotions = new Map(this.promotions);
    const queued: OutgoingEvent[] = [];
    const tx: PromotionTx = {
      find: (paymentId) => promotions.get(paymentId),
      put: (promotion) => {
        const existing = promotions.get(promotion.paymentId);
        promotions.set(
          promotion.paymentId,
          existing ? { ...existing, status: promotion.status, revokedAt: promotion.revokedAt } : { ...promotion },
        );
      },
      enqueue: (event) => void queued.push(event),
    };
    const result = work(tx); // a throw leaves everything as it was
    this.promotions = promotions;
    for (const event of queued) {
      if (!this.queue.some((entry) => entry.event.id === event.id)) {
        this.queue.push({ seq: ++this.seq, event, published: false });
      }
    }
    return result;
  }

  async find(paymentId: string): Promise<Promotion | undefined> {
    return this.promotions.get(paymentId);
  }

  async unpublished(limit: number): Promise<OutboxEntry[]> {
    return this.queue
      .filter((entry) => !entry.published)
      .slice(0, limit)
      .map(({ seq, event }) => ({ seq, event }));
  }

  async markPublished(seqs: readonly number[]): Promise<void> {
    for (const entry of this.queue) if (seqs.includes(entry.seq)) entry.published = true;
  }

  /** Every promotion stored, for assertions. */
  all(): Promotion[] {
    return [...this.promotions.values()];
  }

  /** Every event ever queued (published or not), in commit order. */
  events(): OutgoingEvent[] {
    return this.queue.map((entry) => entry.event);
  }
}
