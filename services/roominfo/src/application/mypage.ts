import type { EventPayload, MyPage, PageQuery, Topic } from '@roomstay/contracts';
import { pageOf, type Handled } from '@roomstay/platform';
import { fold, emptyLine, patchFor, type Line, type Patch } from './view.ts';

export interface MyPageStore {
  /**
   * Folds a patch into one line, once per event id. Resolves `duplicate` when
   * the event was applied before, `conflict` when a concurrent writer won.
   */
  apply(
    customerId: string,
    eventId: string,
    patch: Patch,
    fold: (line: Line | undefined, patch: Patch) => Line,
  ): Promise<'applied' | 'duplicate' | 'conflict'>;
  lines(customerId: string): Promise<Line[]>;
}

export function makeApplyEvent(store: MyPageStore) {
  return async function applyEvent<T extends Topic>(id: string, topic: T, payload: EventPayload<T>): Promise<Handled> {
    const change = patchFor(topic, payload);
    if (!change) return 'unknown-subject';
    const outcome = await store.apply(change.customerId, id, change.patch, (line, patch) =>
      fold(line ?? emptyLine(patch.reservationId), patch),
    );
    // A lost race is redelivered by Dapr (resiliency.yaml bounds it).
    return outcome === 'conflict' ? 'lost-race' : 'handled';
  };
}

/**
 * The order of my page: by check-in date, then reservation; a line not placed
 * yet (no date) first. Keys compare by code unit, as the page's cursor does
 * (platform's pageOf): a sort by locale puts some keys elsewhere than the
 * cursor looks for them, and following `next` then never ends.
 */
const sortKey = (line: Line) => `${line.checkIn ?? ''} ${line.reservationId}`;
const byKey = (a: Line, b: Line) => {
  const [x, y] = [sortKey(a), sortKey(b)];
  return x < y ? -1 : x > y ? 1 : 0;
};

/**
 * A page of my page: the customer's reservations by check-in date, the points
 * of all granted promotions, and the coupons of the reservations shown.
 */
export function makeGetMyPage(store: MyPageStore) {
  return async function getMyPage(customerId: string, query: PageQuery = {}): Promise<MyPage> {
    const lines = (await store.lines(customerId)).sort(byKey);
    const points = lines
      .filter((line) => line.promotionStatus === 'granted')
      .reduce((sum, line) => sum + (line.point ?? 0), 0);
    const page = pageOf(lines, sortKey, query);
    return {
      customerId,
      reservations: page.items,
      points,
      coupons: page.items.flatMap((line) =>
        line.promotionStatus === 'granted' && line.service && line.couponId
          ? [{ couponId: line.couponId, reservationId: line.reservationId, service: line.service }]
          : [],
      ),
      ...(page.next ? { next: page.next } : {}),
    };
  };
}
