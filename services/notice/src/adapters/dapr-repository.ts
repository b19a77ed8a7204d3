import { z } from 'zod';
import { noticeKinds } from '@roomstay/contracts';
import { DaprStateStore, type DaprClient } from '@roomstay/platform';
import type { Inbox } from '../domain/notice.ts';

const StoredInbox: z.ZodType<Inbox> = z.strictObject({
  notices: z.array(
    z.strictObject({
      noticeId: z.string(),
      customerId: z.string(),
      kind: z.enum(noticeKinds),
      reservationId: z.string(),
      message: z.string(),
      at: z.string(),
    }),
  ),
});
import type { InboxRepository } from '../application/notices.ts';

/** Inboxes in notice's own PostgreSQL database through the sidecar (components/statestore-notice.yaml). */
export function daprInboxRepository(client: DaprClient, storeName = 'notice-store'): InboxRepository {
  const store = new DaprStateStore(client, storeName, StoredInbox);
  const key = (customerId: string) => `inbox:${customerId}`;
  return {
    get: (customerId) => store.get(key(customerId)),
    save: (customerId, inbox, etag) => store.save(key(customerId), inbox, { etag }),
  };
}
