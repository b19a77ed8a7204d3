import type { PaymentResult, Payment as WirePayment } from '@roomstay/contracts';
import { AppError, withOptimisticConcurrency, type Outbox, type Versioned } from '@roomstay/platform';
import { approve, refund, repeatOf, type Payment, type PaymentRequest } from '../domain/payment.ts';
import { paymentApproved, paymentRefunded } from './events.ts';
import type { Clock, IdSource, PaymentRecord, PaymentRepository, PromotionGateway } from './ports.ts';

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
const settle = (deps: PaymentDeps, stored: Versioned<PaymentRecord>) => deps.outbox.settleSoon(stored);

/** Lost races on one payment are read and decided again this many times; then the caller's retry does. */
const OPTIMISTIC_ATTEMPTS = 4;

const busy = (reservationId: string) =>
  new AppError('service_unavailable', `payment of ${reservationId} changed concurrently`, {
    headers: { 'Retry-After': '1' },
  });

async function mustGet(deps: PaymentDeps, reservationId: string): Promise<Versioned<PaymentRecord>> {
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
    // First write wins: when two payers create at once, the one that lost reads the winner's payment.
    const stored = await withOptimisticConcurrency(OPTIMISTIC_ATTEMPTS, async () => {
      const found = await deps.repository.get(request.reservationId);
      if (found) return found;
      const payment = approve(request, deps.ids.paymentId(), deps.clock.now());
      await deps.outbox.owe(request.reservationId);
      await deps.repository.create({ payment, outbox: [paymentApproved(payment)] });
      return mustGet(deps, request.reservationId);
    });
    if (!stored) throw busy(request.reservationId);
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
    const refunded = await withOptimisticConcurrency(OPTIMISTIC_ATTEMPTS, async () => {
      const stored = await deps.repository.get(reservationId);
      if (!stored || stored.value.payment.paymentStatus === 'REFUNDED') return { stored };
      const payment = refund(stored.value.payment, deps.clock.now());
      await deps.outbox.owe(reservationId);
      await deps.repository.replace(
        { payment, outbox: [...stored.value.outbox, paymentRefunded(payment)] },
        stored.etag,
      );
      return { stored: await mustGet(deps, reservationId) };
    });
    if (!refunded) throw busy(reservationId);
    if (!refunded.stored) return undefined;
    settle(deps, refunded.stored);
    return toWire(refunded.stored.value.payment);
  };
}

export function makeFindPayment(deps: Pick<PaymentDeps, 'repository'>) {
  return async function findPayment(reservationId: string): Promise<WirePayment> {
    const stored = await deps.repository.get(reservationId);
    if (!stored) throw new AppError('not_found', `no payment for reservation ${reservationId}`);
    return toWire(stored.value.payment);
  };
}
