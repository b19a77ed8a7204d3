import { makeCompleteReservation } from './complete-reservation.ts';
import { makeKeepCatalogue } from './keep-catalogue.ts';
import type { ReservationDeps } from './ports.ts';

/** Event side: keep the room catalogue copy, and complete reservations whose promotion was granted (PromotionSaved). */
export function makeReservationPolicies(deps: ReservationDeps) {
  return {
    roomRegistered: makeKeepCatalogue(deps),
    promotionSaved: makeCompleteReservation(deps),
  };
}
