import { DaprStateStore, type DaprClient } from '@roomstay/platform';
import type { Inbox } from '../domain/notice.ts';
import type { InboxRepository } from '../application/notices.ts';

/** Inboxes in notice's own PostgreSQL database through the sidecar (components/statestore-notice.yaml). */
export function daprInboxRepository(client: DaprClient, storeName = 'notice-store'): InboxRepository {
  const store = new DaprStateStore<Inbox>(client, storeName);
  const key = (customerId: string) => `inbox:${customerId}`;
  return {
    get: (customerId) => store.get(key(customerId)),
    save: (customerId, inbox, etag) => store.save(key(customerId), inbox, { etag }),
  };
}
