import type { EventHandler, EventHandlers } from '@roomstay/platform';
import type { Topic } from '@roomstay/contracts';
import type { makeApplyEvent } from '../application/mypage.ts';

/** Topics my page is built from; PromotionSaved is the one the original required. */
export const roominfoTopics = [
  'ReservationPlaced',
  'PaymentApproved',
  'PromotionSaved',
  'ReservationCancelled',
  'PaymentRefunded',
  'PromotionRevoked',
] as const satisfies readonly Topic[];

export function myPageEventHandlers(applyEvent: ReturnType<typeof makeApplyEvent>): EventHandlers {
  const handle: EventHandler<Topic> = ({ id, topic, payload }) => applyEvent(id, topic, payload);
  return Object.fromEntries(roominfoTopics.map((topic) => [topic, handle])) as EventHandlers;
}
