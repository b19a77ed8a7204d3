import { withOptimisticConcurrency, type Versioned } from '@roomstay/platform';
import { expire, mayHoldAnother, type Reservation } from '../domain/reservation.ts';
import { reservationCancelled } from './events.ts';
import { freeNights } from './nights.ts';
import type { Hold, ReservationDeps, ReservationRecord } from './ports.ts';
import { OPTIMISTIC_ATTEMPTS, settleLater, update } from './records.ts';
import { busy, holdLimitReached } from './refusals.ts';

export const holdOf = (r: Reservation): Hold => ({
  reservationId: r.reservationId,
  customerId: r.customerId,
  roomId: r.roomId,
  checkIn: r.checkIn,
  checkOut: r.checkOut,
});

/**
 * Takes one of the customer's unpaid holds, or refuses with hold_limit_reached
 * and the seconds until the soonest of them runs out. A hold counts while its
 * time runs and its reservation is unpaid (or still being written).
 */
export async function takeHold(deps: ReservationDeps, r: Reservation, now: string): Promise<void> {
  const { limit } = deps.holdPolicy;
  if (limit === 0) return;
  const taken = await withOptimisticConcurrency(OPTIMISTIC_ATTEMPTS, async () => {
    const stored = await deps.holds.get(r.customerId);
    const running = (stored?.value.holds ?? []).filter((h) => h.expiresAt > now);
    const records = await deps.reservations.getMany(running.map((h) => h.reservationId));
    const unpaid = running.filter((_, i) => {
      const record = records[i];
      return !record || record.value.reservation.status === 'reserved';
    });
    if (!mayHoldAnother(unpaid.length, limit)) {
      const soonest = unpaid.map((h) => Date.parse(h.expiresAt)).sort((a, b) => a - b)[0] ?? Date.parse(now);
      throw holdLimitReached(limit, (soonest - Date.parse(now)) / 1000);
    }
    const holds = [...unpaid, { reservationId: r.reservationId, expiresAt: r.expiresAt }];
    await deps.holds.save(r.customerId, { holds }, stored?.etag ?? null);
    return true;
  });
  if (!taken) throw busy(`the holds of ${r.customerId}`);
}

/** Gives back a hold whose reservation was not placed after all. */
export async function dropHold(deps: ReservationDeps, r: Reservation): Promise<void> {
  if (deps.holdPolicy.limit === 0) return;
  await withOptimisticConcurrency(OPTIMISTIC_ATTEMPTS, async () => {
    const stored = await deps.holds.get(r.customerId);
    if (!stored?.value.holds.some((h) => h.reservationId === r.reservationId)) return;
    const holds = stored.value.holds.filter((h) => h.reservationId !== r.reservationId);
    await deps.holds.save(r.customerId, { holds }, stored.etag);
  });
}

/**
 * Lets an unpaid hold whose time has run out go: the reservation expires
 * (ReservationCancelled tells room, my page and notice) and its nights are
 * freed. A hold whose reservation was never written (a placement cut short)
 * frees the nights it may have claimed. Anything paid or ended stays as it is.
 */
export async function letGo(
  deps: ReservationDeps,
  hold: Hold,
  now: string,
  known?: Versioned<ReservationRecord> | null,
): Promise<Reservation | undefined> {
  const stored = known === undefined ? await deps.reservations.get(hold.reservationId) : known;
  if (!stored) {
    await freeNights(deps, hold);
    return undefined;
  }
  const saved = await update(
    deps,
    hold.reservationId,
    (r) => {
      const next = expire(r, now);
      return next === r ? { next } : { next, events: [reservationCancelled(next)] };
    },
    stored,
  );
  const reservation = saved.reservation;
  if (reservation.status === 'expired') {
    await freeNights(deps, reservation);
    if (saved.outbox.length) settleLater(deps, reservation.reservationId);
  }
  return reservation;
}
