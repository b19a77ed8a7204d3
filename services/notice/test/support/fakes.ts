// An in-memory InboxRepository with the concurrency of a Dapr state store:
// creating over an existing inbox or writing over a stale ETag throws
// ConcurrencyConflict.
import { ConcurrencyConflict, type Versioned } from '@roomstay/platform';
import type { InboxRepository } from '../../src/application/notices.ts';
import type { Inbox } from '../../src/domain/notice.ts';

export class InMemoryInboxes implements InboxRepository {
  private readonly inboxes = new Map<string, Versioned<Inbox>>();
  private version = 0;
  saves = 0;
  /** Called before each save; a test makes another writer win here. */
  beforeSave: (customerId: string) => void = () => undefined;

  async get(customerId: string): Promise<Versioned<Inbox> | undefined> {
    const stored = this.inboxes.get(customerId);
    return stored ? structuredClone(stored) : undefined;
  }

  async save(customerId: string, inbox: Inbox, etag: string | null): Promise<void> {
    this.beforeSave(customerId);
    const current = this.inboxes.get(customerId);
    if (etag === null ? current !== undefined : current?.etag !== etag) {
      throw new ConcurrencyConflict(`inbox:${customerId} changed concurrently`);
    }
    this.saves++;
    this.inboxes.set(customerId, { value: structuredClone(inbox), etag: String(++this.version) });
  }

  /** Writes as another replica would. */
  async writeElsewhere(customerId: string, inbox: Inbox): Promise<void> {
    this.inboxes.set(customerId, { value: structuredClone(inbox), etag: String(++this.version) });
  }
}
