import { z } from 'zod';
import type { Pool } from 'pg';
import { noticeKinds, DEFAULT_PAGE_SIZE, type PageQuery } from '@roomstay/contracts';
import { decodeCursor, encodeCursor, type Page } from '@roomstay/platform';
import type { NoticeRepository } from '../application/notices.ts';
import type { Notice } from '../domain/notice.ts';

/**
 * Notices in notice's own PostgreSQL database, which the app signs in to as
 * its own role (components hold no notice store: a list by customer needs an
 * index a key-value store does not have). One row per notice; the list of a
 * customer is a range of one index, so telling and listing cost the same
 * whatever the history.
 *
 * `place` orders notices newest first: the event's time, then the order they
 * were kept in (a sequence), in one string that is also the page cursor (so a
 * page does not shift when notices are told before it). Text in collation "C"
 * compares as JavaScript strings do.
 */
const schema = `
CREATE TABLE IF NOT EXISTS notices (
  notice_id      text PRIMARY KEY,
  customer_id    text NOT NULL,
  kind           text NOT NULL,
  reservation_id text NOT NULL,
  message        text NOT NULL,
  at             text NOT NULL,
  seq            bigserial NOT NULL,
  place          text COLLATE "C" GENERATED ALWAYS AS (at || '#' || lpad(seq::text, 20, '0')) STORED
);
CREATE INDEX IF NOT EXISTS notices_by_customer ON notices (customer_id, place DESC);
`;

const Row = z.strictObject({
  notice_id: z.string(),
  customer_id: z.string(),
  kind: z.enum(noticeKinds),
  reservation_id: z.string(),
  message: z.string(),
  at: z.string(),
  place: z.string(),
});

/** Creates the table and its index if this database has none yet (idempotent, at every start). */
export async function migrateNotices(pool: Pool): Promise<void> {
  await pool.query(schema);
}

/** What the repository asks of its pool: a query with values, answered by rows. */
export type Queries = Pick<Pool, 'query'>;

export function postgresNoticeRepository(pool: Queries): NoticeRepository {
  return {
    async add(notice) {
      await pool.query(
        `INSERT INTO notices (notice_id, customer_id, kind, reservation_id, message, at)
         VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (notice_id) DO NOTHING`,
        [notice.noticeId, notice.customerId, notice.kind, notice.reservationId, notice.message, notice.at],
      );
    },
    async page(customerId: string, query: PageQuery): Promise<Page<Notice>> {
      const limit = query.limit ? Number(query.limit) : DEFAULT_PAGE_SIZE;
      // A cursor no list gave is just somewhere in the order; one that names no
      // position (a NUL, which PostgreSQL refuses in text) is refused here, never asked.
      const after = query.cursor === undefined ? null : decodeCursor(query.cursor);
      const { rows } = await pool.query(
        `SELECT notice_id, customer_id, kind, reservation_id, message, at, place FROM notices
         WHERE customer_id = $1 AND ($2::text IS NULL OR place < $2::text COLLATE "C")
         ORDER BY place DESC LIMIT $3`,
        [customerId, after, limit + 1],
      );
      const parsed = rows.map((row) => Row.parse(row));
      const shown = parsed.slice(0, limit);
      const last = shown[shown.length - 1];
      const items = shown.map((r) => ({
        noticeId: r.notice_id,
        customerId: r.customer_id,
        kind: r.kind,
        reservationId: r.reservation_id,
        message: r.message,
        at: r.at,
      }));
      return parsed.length > limit && last ? { items, next: encodeCursor(last.place) } : { items };
    },
  };
}
