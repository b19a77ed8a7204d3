// Consumer (payment's promotion gateway) against provider (promotion's HTTP
// app), both real code, joined by a stand-in for the sidecar hop only.
import type { AddressInfo } from 'node:net';
import test from 'ava';
import { silentLogger } from '@roomstay/platform';
import { daprPromotionGateway } from '../../services/payment/src/adapters/promotion-gateway.ts';
import { approve } from '../../services/payment/src/domain/payment.ts';
import { createApp } from '../../services/promotion/src/app.ts';
import { sidecarTo } from '../support/sidecar.ts';
import { testAppToken } from '../../packages/platform/test/support/http.ts';
import type { PromotionStore, PromotionTx } from '../../services/promotion/src/application/ports.ts';
import type { Promotion } from '../../services/promotion/src/domain/promotion.ts';

function memoryStore(): PromotionStore {
  const rows = new Map<string, Promotion>();
  return {
    async transact(work) {
      const tx: PromotionTx = {
        find: (id) => rows.get(id),
        put: (p) => void rows.set(p.paymentId, p),
        enqueue: () => undefined,
      };
      return work(tx);
    },
    find: async (id) => rows.get(id),
    unpublished: async () => [],
    markPublished: async () => undefined,
  };
}

test("payment's call to promotion is understood by promotion, and promotion's answer by payment", async (t) => {
  const server = createApp({
    appToken: testAppToken,
    store: memoryStore(),
    clock: { now: () => '2030-01-01T00:00:00.000Z' },
    ids: { couponId: () => 'CPN-contract' },
    logger: silentLogger,
    onCommitted: () => undefined,
  }).listen(0);
  t.teardown(() => server.close());
  const gateway = daprPromotionGateway(sidecarTo((server.address() as AddressInfo).port, 'payment'), silentLogger);
  const payment = approve(
    { reservationId: 'RSV-9', customerId: 'bob', customerName: 'bob', paymentPrice: 99_999 },
    'PAY-9',
    'now',
  );
  t.deepEqual(await gateway.grant(payment), {
    status: 'saved',
    couponId: 'CPN-contract',
    service: 'BEVERAGE',
    point: 9_999,
  });
  t.deepEqual(
    await gateway.grant(payment),
    { status: 'saved', couponId: 'CPN-contract', service: 'BEVERAGE', point: 9_999 },
    'asking again is answered with the same grant',
  );
});
