import { reservationTopics } from '@roomstay/contracts';
import { handlerForEach, type EventHandlers } from '@roomstay/platform';
import type { makeApplyEvent } from '../application/mypage.ts';

/** My page is built from every event about a reservation; PromotionSaved is the one the original required. */
export function myPageEventHandlers(applyEvent: ReturnType<typeof makeApplyEvent>): EventHandlers {
  return handlerForEach(reservationTopics, ({ id, topic, payload }) => applyEvent(id, topic, payload));
}
