import { createHash } from 'node:crypto';
import type { PaymentResult, PlaceReservation, Reservation as WireReservation } from '@roomstay/contracts';
import {
  AppError,
  ConcurrencyConflict,
  withOptimisticConcurrency,
  settleOutbox,
  type Caller,
  type Delivery,
  type Versioned,
} from '@roomstay/platform';
import {
  cancel,
  factsOf,
  isPayable,
  markCompleted,
  markPaid,
  nightsIn,
  place,
  stayProblem,
  visibleTo,
  type Reservation,
} from '../domain/reservation.ts';
import { reservationCancelled, reservationPlaced } from './events.ts';
import type { ReservationDeps, ReservationRecord } from './ports.ts';

export function toWire(r: Reservation): WireReservation {
  return { ...factsOf(r), status: r.status };
}

/** Lost races on one document are re-read and re-applied this many times before giving up with 503. */
const OPTIMISTIC_ATTEMPTS = 8;

const settle = (deps: ReservationDeps, stored: Versioned<ReservationRecord>) =>
  settleOutbox(stored, deps.publish, (record, etag) => deps.reservations.replace(record, etag));

/**
 * Owed events leave in the background (nobody waits on the broker), or with
 * the sweep or the next touch; a failure here only delays them.
 */
const settleQuietly = (deps: ReservationDeps, stored: Versioned<ReservationRecord>) =>
  settle(deps, stored).then(
    () => void deps.owed.delete(stored.value.reservation.reservationId),
    () => void deps.owed.add(stored.value.reservation.reservationId),
  );

/** Publishes what the remembered reservations still owe. */
export function makeSweepOwed(deps: ReservationDeps) {
  return async function sweepOwed(): Promise<void> {
    for (const id of [...deps.owed]) {
      const stored = await deps.reservations.get(id);
      if (stored) await settleQuietly(deps, stored);
      else deps.owed.delete(id);
    }
  };
}

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
 * Applies a change to one reservation with optimistic concurrency, adding the
 * events it owes to its outbox in the same write.
 */
async function update(
  deps: ReservationDeps,
  reservationId: string,
  change: (r: Reservation) => { next: Reservation; events?: ReservationRecord['outbox'] },
): Promise<Versioned<ReservationRecord>> {
  const saved = await withOptimisticConcurrency(OPTIMISTIC_ATTEMPTS, async () => {
    const stored = await deps.reservations.get(reservationId);
    if (!stored) throw new AppError('not_found', `no reservation ${reservationId}`);
    const { next, events = [] } = change(stored.value.reservation);
    if (next === stored.value.reservation && events.length === 0) return stored;
    await deps.reservations.replace({ reservation: next, outbox: [...stored.value.outbox, ...events] }, stored.etag);
    const after = await deps.reservations.get(reservationId);
    if (!after) throw new AppError('internal', `reservation ${reservationId} vanished`);
    return after;
  });
  if (saved) return saved;
  throw new AppError('service_unavailable', `reservation ${reservationId} is busy`, {
    headers: { 'Retry-After': '1' },
  });
}

/** Takes the stay's nights of the room, all or none, or fails with room_unavailable. */
async function takeNights(deps: ReservationDeps, r: Reservation): Promise<void> {
  try {
    await deps.nights.claim(r.roomId, nightsIn(r), r.reservationId);
  } catch (error) {
    if (error instanceof ConcurrencyConflict) {
      throw new AppError('room_unavailable', `room ${r.roomId} is taken for some of ${r.checkIn} .. ${r.checkOut}`);
    }
    throw error;
  }
}

const freeNights = (deps: ReservationDeps, r: Reservation): Promise<void> =>
  deps.nights.release(r.roomId, nightsIn(r), r.reservationId);

export function makePlaceReservation(deps: ReservationDeps) {
  return async function placeReservation(caller: Caller, input: PlaceReservation): Promise<WireReservation> {
    const problem = stayProblem(input);
    if (problem === 'checkOut-not-after-checkIn') {
      throw new AppError('invalid_field', 'checkOut: must be after checkIn', { field: 'checkOut' });
    }
    if (problem === 'too-long')
      throw new AppError('invalid_field', 'checkOut: a stay is at most 365 nights', { field: 'checkOut' });
    const room = await deps.catalogue.get(input.roomId);
    if (!room) throw new AppError('not_found', `no room ${input.roomId}`, { field: 'roomId' });
    const reservation = place(
      {
        reservationId: deps.ids.reservationId(),
        customerId: caller.customerId,
        customerName: caller.name,
        room,
        stay: { checkIn: input.checkIn, checkOut: input.checkOut },
      },
      deps.clock.now(),
    );
    await takeNights(deps, reservation);
    try {
      await deps.reservations.create({ reservation, outbox: [reservationPlaced(reservation)] });
    } catch (error) {
      await freeNights(deps, reservation).catch(() => undefined);
      throw error;
    }
    const stored = await deps.reservations.get(reservation.reservationId);
    if (stored) void settleQuietly(deps, stored);
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
   * A cancelled reservation keeps no payment: one that landed after the
   * cancellation is refunded here (refunds are idempotent), then the payer is told.
   */
  async function refundCancelled(reservationId: string): Promise<never> {
    const refund = await deps.payments.refund(reservationId);
    if (refund.kind === 'unavailable') {
      throw new AppError('service_unavailable', 'payment is unavailable; try again shortly', {
        headers: { 'Retry-After': '5' },
      });
    }
    throw new AppError('reservation_not_payable', `reservation ${reservationId} is cancelled`);
  }

  async function pay(caller: Caller, reservationId: string): Promise<PayOutcome> {
    const stored = await load(deps, reservationId, caller);
    const reservation = stored.value.reservation;
    if (!isPayable(reservation)) await refundCancelled(reservationId);
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
    const saved = await update(deps, reservationId, (r) => ({ next: markPaid(r, call.result.payment.paymentId) }));
    if (saved.value.reservation.status === 'cancelled') {
      // Cancelled while the payment was under way: give the money back.
      await refundCancelled(reservationId);
    }
    return { reservation: toWire(saved.value.reservation), ...call.result };
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
    if (current.status !== 'cancelled') {
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
    void settleQuietly(deps, saved);
    return toWire(saved.value.reservation);
  };
}

/** Event side: keep the room catalogue copy, and complete reservations whose promotion was saved. */
export function makeReservationPolicies(deps: ReservationDeps) {
  return {
    async roomRegistered(room: { roomId: string; name: string; price: number }): Promise<Delivery> {
      await deps.catalogue.put(room);
      return 'SUCCESS';
    },
    async promotionSaved(reservationId: string, paymentId: string): Promise<Delivery> {
      const stored = await deps.reservations.get(reservationId);
      if (!stored) return 'DROP';
      const next = markCompleted(stored.value.reservation, paymentId);
      if (next === stored.value.reservation) return 'SUCCESS';
      try {
        await deps.reservations.replace({ ...stored.value, reservation: next }, stored.etag);
      } catch (error) {
        if (error instanceof ConcurrencyConflict) return 'RETRY';
        throw error;
      }
      return 'SUCCESS';
    },
  };
}
