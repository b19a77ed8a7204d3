import { reservationTopics } from '@roomstay/contracts';
import { handlerForEach, type EventHandlers } from '@roomstay/platform';
import type { makeTellCustomer } from '../application/notices.ts';

/** A notice for every event about a customer's reservation. */
export function noticeEventHandlers(tellCustomer: ReturnType<typeof makeTellCustomer>): EventHandlers {
  return handlerForEach(reservationTopics, ({ id, topic, payload, time }) =>
    tellCustomer(id, topic, payload, time ?? new Date().toISOString()),
  );
}
