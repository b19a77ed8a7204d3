import type { EventPayload, MyPage, Topic } from '@roomstay/contracts';
import type { Delivery } from '@roomstay/platform';
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
  return async function applyEvent<T extends Topic>(id: string, topic: T, payload: EventPayload<T>): Promise<Delivery> {
    const change = patchFor(topic, payload);
    if (!change) return 'DROP';
    const outcome = await store.apply(change.customerId, id, change.patch, (line, patch) =>
      fold(line ?? emptyLine(patch.reservationId), patch),
    );
    // A lost race is redelivered by Dapr (resiliency.yaml bounds it).
    return outcome === 'conflict' ? 'RETRY' : 'SUCCESS';
  };
}

/** My page: every reservation of the customer, total points of granted promotions, coupons held. */
export function makeGetMyPage(store: MyPageStore) {
  return async function getMyPage(customerId: string): Promise<MyPage> {
    const lines = (await store.lines(customerId)).sort(
      (a, b) => (a.checkIn ?? '').localeCompare(b.checkIn ?? '') || a.reservationId.localeCompare(b.reservationId),
    );
    const granted = lines.filter((line) => line.promotionStatus === 'granted');
    return {
      customerId,
      reservations: lines,
      points: granted.reduce((sum, line) => sum + (line.point ?? 0), 0),
      coupons: granted.flatMap((line) =>
        line.service && line.couponId
          ? [{ couponId: line.couponId, reservationId: line.reservationId, service: line.service }]
          : [],
      ),
    };
  };
}
