import { z } from 'zod';
import { OutgoingEvent, paymentStatuses } from '@roomstay/contracts';
import { DueList } from '@roomstay/platform';
import { DaprStateStore, type DaprClient } from '@roomstay/platform/dapr';
import type { PaymentRecord, PaymentRepository } from '../application/ports.ts';

const StoredPayment: z.ZodType<PaymentRecord> = z.strictObject({
  payment: z.strictObject({
    paymentId: z.string(),
    reservationId: z.string(),
    customerId: z.string(),
    customerName: z.string(),
    paymentPrice: z.number(),
    paymentStatus: z.enum(paymentStatuses),
    approvedAt: z.string(),
    refundedAt: z.string().nullable(),
  }),
  outbox: z.array(OutgoingEvent),
});

/** Payments in PostgreSQL through the sidecar (components/statestore-payment.yaml). */
export function daprPaymentRepository(client: DaprClient, storeName = 'payment-store'): PaymentRepository {
  const store = new DaprStateStore(client, storeName, StoredPayment);
  const key = (reservationId: string) => `payment:${reservationId}`;
  return {
    get: (reservationId) => store.get(key(reservationId)),
    create: (record) => store.save(key(record.payment.reservationId), record, { etag: null }),
    replace: (record, etag) => store.save(key(record.payment.reservationId), record, { etag }),
  };
}

/** Payments that owe events (by reservation id), for the outbox's relay. */
export const daprOwedPayments = (client: DaprClient, storeName = 'payment-store'): DueList<string> =>
  new DueList<string>(new DaprStateStore(client, storeName, z.unknown()), z.string(), {
    name: 'outbox',
    windowMs: 2_000,
    slots: 128,
  });
