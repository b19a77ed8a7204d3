import { createHash } from 'node:crypto';
import type { PaymentResult, PlaceReservation, Reservation as WireReservation } from '@roomstay/contracts';
import { AppError, withOptimisticConcurrency, type Caller, type Handled, type Versioned } from '@roomstay/platform';
import {
  cancel,
  expire,
  factsOf,
  hasEnded,
  markCompleted,
  markPaid,
  mayHoldAnother,
  nightsIn,
  place,
  stayFrom,
  unpayable,
  visibleTo,
  type Reservation,
  type Stay,
} from '../domain/reservation.ts';
import { reservationCancelled, reservationPlaced } from './events.ts';
import type { Hold, ReservationDeps, ReservationRecord } from './ports.ts';

export function toWire(r: Reservation): WireReservation {
  return { ...factsOf(r), status: r.status, ...(r.status === 'reserved' ? { expiresAt: r.expiresAt } : {}) };
}

/** Lost races on one document are re-read and re-applied this many times before giving up with 503. */
const OPTIMISTIC_ATTEMPTS = 8;

/**
 * Owed events leave in the background (nobody waits on the broker), or with
 * the outbox's relay or the next touch; a failure here only delays them.
 */
const settleQuietly = (deps: ReservationDeps, stored: Versioned<ReservationRecord>) => deps.outbox.settleSoon(stored);

async function load(
  deps: ReservationDeps,
  reservationId: string,
  caller: Caller,
): Promise<Versioned<ReservationRecord>> {
  const stored = await deps.reservations.get(reservationId);
  // Another customer's reservation is as invisible as one that does not exist.
  if (!stored || !visibleTo(stored.value.reservation, caller)) {
    throw new AppError('not_found', `no reservation ${reservationId}`);
  }
  return stored;
}

/**
 * Publishes what a just-written record owes, in the background. Dapr's save
 * answers no ETag, so the settle reads the record first: off the request's path.
 */
const settleLater = (deps: ReservationDeps, reservationId: string): void =>
  void deps.reservations
    .get(reservationId)
    .then((stored) => (stored ? settleQuietly(deps, stored) : undefined))
    .catch(() => undefined);

/**
 * Applies a change to one reservation with optimistic concurrency, adding the
 * events it owes to its outbox in the same write. `known` is a version the
 * caller has just read: the first attempt uses it instead of reading again (a
 * lost race reads afresh). Answers the record as written.
 */
async function update(
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

/** Takes the stay's nights of the room, all or none, or fails with room_unavailable. */
async function takeNights(deps: ReservationDeps, r: Reservation): Promise<void> {
  // One try: a night another reservation holds is not a race to run again but an answer.
  const took = await withOptimisticConcurrency(1, async () => {
    await deps.nights.claim(r.roomId, nightsIn(r), r.reservationId);
    return true;
  });
  if (!took)
    throw new AppError('room_unavailable', `room ${r.roomId} is taken for some of ${r.checkIn} .. ${r.checkOut}`);
}

const freeNights = (deps: ReservationDeps, r: Stay & { roomId: string; reservationId: string }): Promise<void> =>
  deps.nights.release(r.roomId, nightsIn(r), r.reservationId);

const busy = (what: string) =>
  new AppError('service_unavailable', `${what} is busy; try again shortly`, { headers: { 'Retry-After': '1' } });

/**
 * Takes one of the customer's unpaid holds, or refuses with hold_limit_reached
 * and the seconds until the soonest of them runs out. A hold counts while its
 * time runs and its reservation is unpaid (or still being written).
 */
async function takeHold(deps: ReservationDeps, r: Reservation, now: string): Promise<void> {
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
      throw new AppError(
        'hold_limit_reached',
        `at most ${limit} unpaid reservations at once: pay or cancel one, or wait until one expires`,
        { headers: { 'Retry-After': String(Math.max(1, Math.ceil((soonest - Date.parse(now)) / 1000))) } },
      );
    }
    const holds = [...unpaid, { reservationId: r.reservationId, expiresAt: r.expiresAt }];
    await deps.holds.save(r.customerId, { holds }, stored?.etag ?? null);
    return true;
  });
  if (!taken) throw busy(`the holds of ${r.customerId}`);
}

/** Gives back a hold whose reservation was not placed after all. */
async function dropHold(deps: ReservationDeps, r: Reservation): Promise<void> {
  if (deps.holdPolicy.limit === 0) return;
  await withOptimisticConcurrency(OPTIMISTIC_ATTEMPTS, async () => {
    const stored = await deps.holds.get(r.customerId);
    if (!stored?.value.holds.some((h) => h.reservationId === r.reservationId)) return;
    const holds = stored.value.holds.filter((h) => h.reservationId !== r.reservationId);
    await deps.holds.save(r.customerId, { holds }, stored.etag);
  });
}

const holdOf = (r: Reservation): Hold => ({
  reservationId: r.reservationId,
  customerId: r.customerId,
  roomId: r.roomId,
  checkIn: r.checkIn,
  checkOut: r.checkOut,
});

/**
 * Lets an unpaid hold whose time has run out go: the reservation expires
 * (ReservationCancelled tells room, my page and notice) and its nights are
 * freed. A hold whose reservation was never written (a placement cut short)
 * frees the nights it may have claimed. Anything paid or ended stays as it is.
 */
async function letGo(
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

export function makePlaceReservation(deps: ReservationDeps) {
  return async function placeReservation(caller: Caller, input: PlaceReservation): Promise<WireReservation> {
    const room = await deps.catalogue.get(input.roomId);
    if (!room) throw new AppError('not_found', `no room ${input.roomId}`, { field: 'roomId' });
    const now = deps.clock.now();
    const reservation = place(
      {
        reservationId: deps.ids.reservationId(),
        customerId: caller.customerId,
        customerName: caller.name,
        room,
        stay: stayFrom(input.checkIn, input.nights),
      },
      now,
      deps.holdPolicy.holdMs,
    );
    await takeHold(deps, reservation, now);
    try {
      // Scheduled before any night is claimed: a placement cut short after
      // claiming frees its nights when the hold runs out.
      await deps.expiries.add({
        id: reservation.reservationId,
        dueAt: Date.parse(reservation.expiresAt),
        value: holdOf(reservation),
      });
      await takeNights(deps, reservation);
      try {
        await deps.outbox.owe(reservation.reservationId);
        await deps.reservations.create({ reservation, outbox: [reservationPlaced(reservation)] });
      } catch (error) {
        await freeNights(deps, reservation).catch(() => undefined);
        throw error;
      }
    } catch (error) {
      await dropHold(deps, reservation).catch(() => undefined);
      throw error;
    }
    settleLater(deps, reservation.reservationId);
    return toWire(reservation);
  };
}

export function makeGetReservation(deps: ReservationDeps) {
  return async function getReservation(caller: Caller, reservationId: string): Promise<WireReservation> {
    const stored = await load(deps, reservationId, caller);
    void settleQuietly(deps, stored);
    return toWire(stored.value.reservation);
  };
}

export interface PayOutcome extends PaymentResult {
  reservation: WireReservation;
}

function fingerprint(parts: unknown): string {
  return createHash('sha256').update(JSON.stringify(parts)).digest('base64url');
}

/**
 * Pays a reservation through the payment app (synchronously). Paying twice
 * never charges twice: payment keeps one payment per reservation, and an
 * Idempotency-Key replays the first answer.
 */
export function makePayReservation(deps: ReservationDeps) {
  /**
   * A cancelled or expired reservation keeps no payment: one that landed after
   * it ended is refunded here (refunds are idempotent), then the payer is told.
   */
  async function refundEnded(reservationId: string, why: 'cancelled' | 'expired'): Promise<never> {
    const refund = await deps.payments.refund(reservationId);
    if (refund.kind === 'unavailable') {
      throw new AppError('service_unavailable', 'payment is unavailable; try again shortly', {
        headers: { 'Retry-After': '5' },
      });
    }
    if (why === 'expired') {
      throw new AppError('reservation_expired', `reservation ${reservationId} was not paid within its hold time`);
    }
    throw new AppError('reservation_not_payable', `reservation ${reservationId} is cancelled`);
  }

  async function pay(caller: Caller, reservationId: string): Promise<PayOutcome> {
    const stored = await load(deps, reservationId, caller);
    const reservation = stored.value.reservation;
    const now = deps.clock.now();
    const why = unpayable(reservation, now);
    if (why === 'expired') await letGo(deps, holdOf(reservation), now);
    if (why) await refundEnded(reservationId, why);
    void settleQuietly(deps, stored);
    const call = await deps.payments.approve({
      reservationId,
      customerId: reservation.customerId,
      customerName: reservation.customerName,
      paymentPrice: reservation.price,
    });
    if (call.kind === 'unavailable') {
      // Payment is down, overloaded or its circuit is open: nothing was changed here.
      throw new AppError('service_unavailable', 'payment is unavailable; try again shortly', {
        headers: { 'Retry-After': '5' },
      });
    }
    if (call.kind === 'refused') {
      throw new AppError('reservation_not_payable', `payment refused reservation ${reservationId}`);
    }
    // The version read before the call: a change meanwhile is a lost race, read again.
    const saved = await update(
      deps,
      reservationId,
      (r) => ({ next: markPaid(r, call.result.payment.paymentId) }),
      stored,
    );
    const ended = saved.reservation;
    if (hasEnded(ended)) {
      // Cancelled or expired while the payment was under way: give the money back.
      await refundEnded(reservationId, ended.status === 'expired' ? 'expired' : 'cancelled');
    }
    return { reservation: toWire(saved.reservation), ...call.result };
  }

  return async function payReservation(
    caller: Caller,
    reservationId: string,
    idempotencyKey?: string,
  ): Promise<PayOutcome> {
    if (!idempotencyKey) return pay(caller, reservationId);
    const print = fingerprint({ reservationId, action: 'pay' });
    const earlier = await deps.idempotency.get(caller.customerId, idempotencyKey);
    if (earlier) {
      if (earlier.fingerprint !== print) {
        throw new AppError('idempotency_key_reused', 'this Idempotency-Key was used for another request');
      }
      return earlier.body as PayOutcome;
    }
    const outcome = await pay(caller, reservationId);
    await deps.idempotency.put(caller.customerId, idempotencyKey, { fingerprint: print, status: 200, body: outcome });
    return outcome;
  };
}

/**
 * Cancels with compensation: the payment is refunded first (which revokes the
 * promotion), then the reservation is cancelled and its nights are freed.
 * Idempotent; if payment cannot be reached nothing is changed.
 */
export function makeCancelReservation(deps: ReservationDeps) {
  return async function cancelReservation(
    caller: Caller,
    reservationId: string,
    reason: string,
  ): Promise<WireReservation> {
    const stored = await load(deps, reservationId, caller);
    const current = stored.value.reservation;
    if (!hasEnded(current)) {
      const refund = await deps.payments.refund(reservationId);
      if (refund.kind === 'unavailable') {
        throw new AppError('service_unavailable', 'payment is unavailable; the reservation was not cancelled', {
          headers: { 'Retry-After': '5' },
        });
      }
    }
    const saved = await update(deps, reservationId, (r) => {
      const next = cancel(r, reason, deps.clock.now());
      return next === r ? { next } : { next, events: [reservationCancelled(next)] };
    });
    await freeNights(deps, current);
    if (saved.outbox.length) settleLater(deps, reservationId);
    return toWire(saved.reservation);
  };
}

/** Event side: keep the room catalogue copy, and complete reservations whose promotion was granted (PromotionSaved). */
export function makeReservationPolicies(deps: ReservationDeps) {
  return {
    async roomRegistered(room: { roomId: string; name: string; price: number }): Promise<Handled> {
      await deps.catalogue.put(room);
      return 'handled';
    },
    async promotionSaved(reservationId: string, paymentId: string): Promise<Handled> {
      // One try: a lost race is redelivered (resiliency.yaml bounds how often), and read afresh then.
      const outcome = await withOptimisticConcurrency(1, async (): Promise<Handled> => {
        const stored = await deps.reservations.get(reservationId);
        if (!stored) return 'unknown-subject';
        const next = markCompleted(stored.value.reservation, paymentId);
        if (next !== stored.value.reservation) {
          await deps.reservations.replace({ ...stored.value, reservation: next }, stored.etag);
        }
        return 'handled';
      });
      return outcome ?? 'lost-race';
    },
  };
}
