import type { PaymentResult } from '@roomstay/contracts';
import { AppError, type Caller } from '@roomstay/platform';
import { hasEnded, markPaid, unpayable, type Reservation } from '../domain/reservation.ts';
import { holdOf, letGo } from './holds.ts';
import type { ReservationDeps } from './ports.ts';
import { load, settleQuietly, update } from './records.ts';
import { paymentUnavailable } from './refusals.ts';

export interface PayOutcome extends PaymentResult {
  reservation: Reservation;
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
    if (refund.kind === 'unavailable') throw paymentUnavailable();
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
    // Unavailable: nothing was changed here.
    if (call.kind === 'unavailable') throw paymentUnavailable();
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
    return { reservation: saved.reservation, ...call.result };
  }

  return async function payReservation(
    caller: Caller,
    reservationId: string,
    idempotencyKey?: string,
  ): Promise<PayOutcome> {
    if (!idempotencyKey) return pay(caller, reservationId);
    const print = deps.fingerprint({ reservationId, action: 'pay' });
    const earlier = await deps.idempotency.get(caller.customerId, idempotencyKey);
    if (earlier) {
      if (earlier.fingerprint !== print) {
        throw new AppError('idempotency_key_reused', 'this Idempotency-Key was used for another request');
      }
      return earlier.body as PayOutcome;
    }
    const outcome = await pay(caller, reservationId);
    // Kept as answered here: the HTTP adapter shows a first answer and its replays alike.
    await deps.idempotency.put(caller.customerId, idempotencyKey, { fingerprint: print, status: 200, body: outcome });
    return outcome;
  };
}
