import type { PaymentResult, Payment as WirePayment } from '@roomstay/contracts';
import { AppError, ConcurrencyConflict, settleOutbox } from '@roomstay/platform';
import { approve, refund, repeatOf, type Payment, type PaymentRequest } from '../domain/payment.ts';
import { paymentApproved, paymentRefunded } from './events.ts';
import type {
  Clock,
  EventPublisher,
  IdSource,
  PaymentRecord,
  PaymentRepository,
  PromotionGateway,
  Stored,
} from './ports.ts';

export interface PaymentDeps {
  repository: PaymentRepository;
  publisher: EventPublisher;
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
 * Publishes what the record owes. If publishing fails the events stay owed and
 * the caller gets 503; its retry (the request is idempotent) publishes them.
 */
const settle = (deps: PaymentDeps, stored: Stored<PaymentRecord>) =>
  settleOutbox(
    stored,
    (event) => deps.publisher.publish(event),
    (record, etag) => deps.repository.replace(record, etag),
  );

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
    await settle(deps, stored);
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
    await settle(deps, current);
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
