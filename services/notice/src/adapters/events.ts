import type { Topic } from '@roomstay/contracts';
import type { EventHandler, EventHandlers } from '@roomstay/platform';
import type { makeTellCustomer } from '../application/notices.ts';

export const noticeTopics = [
  'ReservationPlaced',
  'PaymentApproved',
  'PromotionSaved',
  'ReservationCancelled',
  'PaymentRefunded',
  'PromotionRevoked',
] as const satisfies readonly Topic[];

export function noticeEventHandlers(tellCustomer: ReturnType<typeof makeTellCustomer>): EventHandlers {
  const handle: EventHandler<Topic> = ({ id, topic, payload, time }) =>
    tellCustomer(id, topic, payload, time ?? new Date().toISOString());
  return Object.fromEntries(noticeTopics.map((topic) => [topic, handle])) as EventHandlers;
}
