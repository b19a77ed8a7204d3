// An in-memory NoticeRepository with the semantics of the PostgreSQL one: a
// notice is kept once by its id, and a customer's notices are listed newest
// first by event time, then by the order they were kept in, after a cursor
// that is a position in that order.
import type { PageQuery } from '@roomstay/contracts';
import { pageOf, type Page } from '@roomstay/platform';
import type { NoticeRepository } from '../../src/application/notices.ts';
import type { Notice } from '../../src/domain/notice.ts';

export class InMemoryNotices implements NoticeRepository {
  private readonly rows = new Map<string, { notice: Notice; place: string }>();
  private seq = 0;
  /** Notices kept (a notice told again is not kept again). */
  kept = 0;
  /** Called before each add; a test makes the store fail here. */
  beforeAdd: (notice: Notice) => void = () => undefined;

  async add(notice: Notice): Promise<void> {
    this.beforeAdd(notice);
    if (this.rows.has(notice.noticeId)) return;
    this.kept++;
    const place = `${notice.at}#${String(++this.seq).padStart(20, '0')}`;
    this.rows.set(notice.noticeId, { notice: structuredClone(notice), place });
  }

  async page(customerId: string, query: PageQuery): Promise<Page<Notice>> {
    const mine = [...this.rows.values()]
      .filter((row) => row.notice.customerId === customerId)
      .sort((a, b) => (a.place < b.place ? 1 : -1));
    const page = pageOf(mine, (row) => row.place, query, 'descending');
    return { ...page, items: page.items.map((row) => structuredClone(row.notice)) };
  }
}
