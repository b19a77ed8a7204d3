// One pass through every Dapr mechanism on the real runtime: service invocation
// (payment -> promotion), sql.js on disk, publishing to Kafka with the
// reservation as partition key, a subscription delivering to roominfo, and
// roominfo's Redis read model.
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import test from 'ava';
import { loadPromotionDatabase } from '../../services/promotion/src/adapters/sqljs-store.ts';
import { eventually } from '../support/api.ts';
import { findRecord } from '../support/kafka.ts';
import { operatorRedis, sidecarFetch } from '../support/operator.ts';

test('a payment invoked through the sidecars is granted, published to Kafka keyed by reservation, and read into roominfo', async (t) => {
  const reservationId = `skeleton-${randomUUID()}`;
  const customerId = `walker-${randomUUID().slice(0, 8)}`;
  // Into the payment app through reservation's sidecar (not the app's own port), as reservation calls it.
  const response = await sidecarFetch('reservation', '/v1.0/invoke/payment/method/payments', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ reservationId, customerId, customerName: 'Walker', paymentPrice: 100_000 }),
  });
  t.is(response.status, 200);
  const paid = (await response.json()) as {
    payment: { paymentId: string };
    promotion: { status: string; couponId: string; point: number };
  };
  t.is(paid.promotion.status, 'granted', 'payment reached promotion through the sidecars');
  t.is(paid.promotion.point, 10_000);

  // On the broker: a CloudEvent whose Kafka key is the reservation id.
  const record = await findRecord(['PromotionSaved'], (r) => {
    const data = (r.value as { data?: { reservationId?: string } }).data;
    return data?.reservationId === reservationId;
  });
  t.is(record.key, reservationId);
  const event = record.value as {
    specversion: string;
    id: string;
    type: string;
    data: { couponId: string; service: string };
  };
  t.is(event.specversion, '1.0');
  t.is(event.id, `${paid.payment.paymentId}.PromotionSaved`);
  t.is(event.type, 'roomstay.PromotionSaved.v1');
  t.is(event.data.couponId, paid.promotion.couponId);
  t.is(event.data.service, 'DISCOUNT COUPON');

  // In promotion's own sql.js store on disk (snapshot and journal).
  const db = await loadPromotionDatabase(
    fileURLToPath(new URL('../../.data/promotion/promotion.sqlite', import.meta.url)),
  );
  const rows = db.exec('SELECT coupon_id, point FROM promotion WHERE payment_id = ?', [paid.payment.paymentId]);
  t.deepEqual(rows[0]?.values, [[paid.promotion.couponId, 10_000]]);
  db.close();

  // In roominfo's Redis, put there by the subscription.
  const redis = operatorRedis(1);
  try {
    const line = await eventually(async () => {
      const raw = await redis.hget(`mypage:${customerId}`, reservationId);
      const parsed = raw ? (JSON.parse(raw) as { promotionStatus: string; couponId?: string }) : undefined;
      return parsed?.promotionStatus === 'granted' ? parsed : undefined;
    });
    t.is(line.couponId, paid.promotion.couponId);
  } finally {
    redis.disconnect();
  }
});
