import type { EventHandlers } from '@roomstay/platform';
import type { makeReservationPolicies } from '../application/policies.ts';

export function reservationEventHandlers(policies: ReturnType<typeof makeReservationPolicies>): EventHandlers {
  return {
    RoomRegistered: ({ payload }) => policies.roomRegistered(payload),
    PromotionSaved: ({ payload }) => policies.promotionSaved(payload.reservationId, payload.paymentId),
  };
}
