import { letGo } from './holds.ts';
import type { ReservationDeps } from './ports.ts';

/**
 * Lets go every hold whose time has run out (on a timer, and once at start).
 * A window's reservations are read at once; a paid, completed or cancelled
 * one has nothing to let go. An unpaid one expires; an expired one frees its
 * nights again (the step a crash may have cut short).
 */
export function makeExpireHolds(deps: ReservationDeps) {
  return async function expireHolds(): Promise<number> {
    const now = deps.clock.now();
    return deps.expiries.takeDue(Date.parse(now), async (entries) => {
      const records = await deps.reservations.getMany(entries.map((entry) => entry.value.reservationId));
      for (const [i, entry] of entries.entries()) {
        const stored = records[i];
        const status = stored?.value.reservation.status;
        if (status === undefined || status === 'reserved' || status === 'expired') {
          await letGo(deps, entry.value, now, stored ?? null);
        }
      }
    });
  };
}
