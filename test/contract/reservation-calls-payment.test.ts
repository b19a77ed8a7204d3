// Consumer (reservation's payment gateway) against provider (payment's HTTP app).
import type { AddressInfo } from 'node:net';
import test from 'ava';
import { ConcurrencyConflict, silentLogger, type Versioned } from '@roomstay/platform';
import { createApp } from '../../services/payment/src/app.ts';
import type { PaymentRecord, PaymentRepository } from '../../services/payment/src/application/ports.ts';
import { daprPaymentGateway } from '../../services/reservation/src/adapters/payment-gateway.ts';
import { sidecarTo } from '../support/sidecar.ts';
import { testAppToken } from '../../packages/platform/test/support/http.ts';

function memoryRepository(): PaymentRepository {
  const rows = new Map<string, Versioned<PaymentRecord>>();
  let version = 0;
  return {
    get: async (id) => rows.get(id),
    async create(record) {
      if (rows.has(record.payment.reservationId)) throw new ConcurrencyConflict('exists');
      rows.set(record.payment.reservationId, { value: record, etag: String(++version) });
    },
    async replace(record, etag) {
      if (rows.get(record.payment.reservationId)?.etag !== etag) throw new ConcurrencyConflict('changed');
      rows.set(record.payment.reservationId, { value: record, etag: String(++version) });
    },
  };
}

test("reservation's payment and refund calls are understood by payment, and its answers by reservation", async (t) => {
  const server = createApp({
    appToken: testAppToken,
    repository: memoryRepository(),
    outbox: { owe: async () => undefined, settleSoon: () => undefined, relay: async () => 0 },
    promotions: { grant: async () => ({ status: 'pending' }) },
    clock: { now: () => '2030-01-01T00:00:00.000Z' },
    ids: { paymentId: () => 'PAY-contract' },
    logger: silentLogger,
  }).listen(0);
  t.teardown(() => server.close());
  const gateway = daprPaymentGateway(sidecarTo((server.address() as AddressInfo).port, 'reservation'), silentLogger);
  const request = { reservationId: 'RSV-7', customerId: 'alice', customerName: 'alice', paymentPrice: 50_000 };
  const approved = await gateway.approve(request);
  t.like(approved, {
    kind: 'approved',
    result: { payment: { paymentId: 'PAY-contract', paymentStatus: 'Y' }, promotion: { status: 'pending' } },
  });
  t.like(
    await gateway.approve({ ...request, paymentPrice: 1 }),
    { kind: 'refused', status: 409 },
    'a different price is a refusal, not an outage',
  );
  t.like(await gateway.refund('RSV-7'), { kind: 'refunded', payment: { paymentStatus: 'REFUNDED' } });
  t.deepEqual(await gateway.refund('RSV-unknown'), { kind: 'refunded', payment: null });
});
