// An in-memory NoticeRepository with the semantics of the PostgreSQL one: a
// notice is kept once by its id, and a customer's notices are listed newest
// first by event time, then by the order they were kept in, after a cursor
// that is a position in that order.
import { DEFAULT_PAGE_SIZE, type PageQuery } from '@roomstay/contracts';
import { decodeCursor, encodeCursor, type Page } from '@roomstay/platform';
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
    const limit = query.limit ? Number(query.limit) : DEFAULT_PAGE_SIZE;
    const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor);
    const rest = [...this.rows.values()]
      .filter((row) => row.notice.customerId === customerId && (after === undefined || row.place < after))
      .sort((a, b) => (a.place < b.place ? 1 : -1));
    const shown = rest.slice(0, limit);
    const last = shown[shown.length - 1];
    const items = shown.map((row) => structuredClone(row.notice));
    return rest.length > limit && last ? { items, next: encodeCursor(last.place) } : { items };
  }
}
