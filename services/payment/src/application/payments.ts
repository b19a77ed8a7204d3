import type { PaymentResult, Payment as WirePayment } from '@roomstay/contracts';
import { AppError, ConcurrencyConflict, type Outbox } from '@roomstay/platform';
import { approve, refund, repeatOf, type Payment, type PaymentRequest } from '../domain/payment.ts';
import { paymentApproved, paymentRefunded } from './events.ts';
import type { Clock, IdSource, PaymentRecord, PaymentRepository, PromotionGateway, Stored } from './ports.ts';

export interface PaymentDeps {
  repository: PaymentRepository;
  /** The events payments owe, by reservation id (platform's outbox, with its relay). */
  outbox: Outbox<PaymentRecord>;
  promotions: PromotionGateway;
  clock: Clock;
  ids: IdSource;
}

export function toWire(payment: Payment): WirePayment {
  return {
    paymentId: payment.paymentId,
    reservationId: payment.reservationId,
    customerId: payment.customerId,
    paymentPrice: payment.paymentPrice,
    paymentStatus: payment.paymentStatus,
  };
}

/**
 * Publishes what the record owes in the background: nobody waits on the
 * broker. If publishing fails the events stay owed and the outbox's relay
 * publishes them.
 */
const settle = (deps: PaymentDeps, stored: Stored<PaymentRecord>) => deps.outbox.settleSoon(stored);

async function mustGet(deps: PaymentDeps, reservationId: string): Promise<Stored<PaymentRecord>> {
  const stored = await deps.repository.get(reservationId);
  if (!stored) throw new AppError('internal', `payment for ${reservationId} vanished`);
  return stored;
}

/**
 * Approves the payment of a reservation (at most one per reservation), then
 * asks promotion synchronously. Promotion being slow or down never fails the
 * payment: the answer is then `pending` and the PaymentApproved event grants
 * it later.
 */
export function makeApprovePayment(deps: PaymentDeps) {
  return async function approvePayment(request: PaymentRequest): Promise<PaymentResult> {
    let stored = await deps.repository.get(request.reservationId);
    if (!stored) {
      const payment = approve(request, deps.ids.paymentId(), deps.clock.now());
      try {
        await deps.outbox.owe(request.reservationId);
        await deps.repository.create({ payment, outbox: [paymentApproved(payment)] });
      } catch (error) {
        if (!(error instanceof ConcurrencyConflict)) throw error;
      }
      stored = await mustGet(deps, request.reservationId);
    }
    const repeat = repeatOf(stored.value.payment, request);
    if (repeat.kind === 'refused') {
      throw new AppError(
        'reservation_not_payable',
        `reservation ${request.reservationId} cannot be paid: ${repeat.reason}`,
      );
    }
    settle(deps, stored);
    const promotion = await deps.promotions.grant(repeat.payment);
    return { payment: toWire(repeat.payment), promotion };
  };
}

/** Refunds the reservation's payment, if it has one; idempotent. */
export function makeRefundPayment(deps: PaymentDeps) {
  return async function refundPayment(reservationId: string): Promise<WirePayment | undefined> {
    const stored = await deps.repository.get(reservationId);
    if (!stored) return undefined;
    let current = stored;
    if (stored.value.payment.paymentStatus !== 'REFUNDED') {
      const refunded = refund(stored.value.payment, deps.clock.now());
      const record: PaymentRecord = { payment: refunded, outbox: [...stored.value.outbox, paymentRefunded(refunded)] };
      try {
        await deps.outbox.owe(reservationId);
        await deps.repository.replace(record, stored.etag);
      } catch (error) {
        if (!(error instanceof ConcurrencyConflict)) throw error;
      }
      current = await mustGet(deps, reservationId);
      if (current.value.payment.paymentStatus !== 'REFUNDED') {
        // Lost a race with another change of this payment; Dapr's retry runs it again.
        throw new AppError('service_unavailable', `payment of ${reservationId} changed concurrently`);
      }
    }
    settle(deps, current);
    return toWire(current.value.payment);
  };
}

export function makeFindPayment(deps: Pick<PaymentDeps, 'repository'>) {
  return async function findPayment(reservationId: string): Promise<WirePayment> {
    const stored = await deps.repository.get(reservationId);
    if (!stored) throw new AppError('not_found', `no payment for reservation ${reservationId}`);
    return toWire(stored.value.payment);
  };
}
