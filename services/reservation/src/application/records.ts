import { AppError, withOptimisticConcurrency, type Caller, type Versioned } from '@roomstay/platform';
import { visibleTo, type Reservation } from '../domain/reservation.ts';
import type { ReservationDeps, ReservationRecord } from './ports.ts';
import { busy } from './refusals.ts';

/** Lost races on one document are re-read and re-applied this many times before giving up with 503. */
export const OPTIMISTIC_ATTEMPTS = 8;

/**
 * Owed events leave in the background (nobody waits on the broker), or with
 * the outbox's relay or the next touch; a failure here only delays them.
 */
export const settleQuietly = (deps: ReservationDeps, stored: Versioned<ReservationRecord>) =>
  deps.outbox.settleSoon(stored);

/**
 * Publishes what a just-written record owes, in the background. Dapr's save
 * answers no ETag, so the settle reads the record first: off the request's path.
 */
export const settleLater = (deps: ReservationDeps, reservationId: string): void =>
  void deps.reservations
    .get(reservationId)
    .then((stored) => (stored ? settleQuietly(deps, stored) : undefined))
    .catch(() => undefined);

/** The caller's reservation; another customer's is as invisible as one that does not exist. */
export async function load(
  deps: ReservationDeps,
  reservationId: string,
  caller: Caller,
): Promise<Versioned<ReservationRecord>> {
  const stored = await deps.reservations.get(reservationId);
  if (!stored || !visibleTo(stored.value.reservation, caller)) {
    throw new AppError('not_found', `no reservation ${reservationId}`);
  }
  return stored;
}

/**
 * Applies a change to one reservation with optimistic concurrency, adding the
 * events it owes to its outbox in the same write. `known` is a version the
 * caller has just read: the first attempt uses it instead of reading again (a
 * lost race reads afresh). Answers the record as written.
 */
export async function update(
  deps: ReservationDeps,
  reservationId: string,
  change: (r: Reservation) => { next: Reservation; events?: ReservationRecord['outbox'] },
  known?: Versioned<ReservationRecord>,
): Promise<ReservationRecord> {
  let first = known;
  const saved = await withOptimisticConcurrency(OPTIMISTIC_ATTEMPTS, async () => {
    const stored = first ?? (await deps.reservations.get(reservationId));
    first = undefined;
    if (!stored) throw new AppError('not_found', `no reservation ${reservationId}`);
    const { next, events = [] } = change(stored.value.reservation);
    if (next === stored.value.reservation && events.length === 0) return stored.value;
    if (events.length) await deps.outbox.owe(reservationId);
    const record: ReservationRecord = { reservation: next, outbox: [...stored.value.outbox, ...events] };
    await deps.reservations.replace(record, stored.etag);
    return record;
  });
  if (saved) return saved;
  throw busy(`reservation ${reservationId}`);
}
