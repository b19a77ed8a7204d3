// Promotion's own gRPC API (packages/contracts/proto/roomstay/promotion/v1),
// called as payment would: a real gRPC client on payment's sidecar's gRPC
// port, with payment's sidecar token, naming promotion (`dapr-app-id`). The
// sidecars proxy it over mTLS; promotion's admits payment by its access
// control and hands the call to the app with the app token.
import { randomUUID } from 'node:crypto';
import test from 'ava';
import { Promotion as WirePromotion } from '@roomstay/contracts';
import { grpc } from '@roomstay/platform/grpc';
import { callUnary, promotionsClient } from '../../services/promotion/test/support/drivers.ts';
import { appSecrets, sidecarFetch, sidecarGrpcPort } from '../support/operator.ts';

test("payment's sidecar proxies promotions/grant to promotion: the grant payment was told, not a second one", async (t) => {
  const reservationId = `grpc-${randomUUID()}`;
  const customerId = `grpc-${randomUUID().slice(0, 8)}`;
  const facts = { reservationId, customerId, customerName: 'Grpc Caller', paymentPrice: 100_000 };
  // A payment as reservation makes it, through the sidecars: payment asks promotion by HTTP invocation,
  // which promotion's sidecar hands to the app as AppCallback.OnInvoke.
  const paid = await sidecarFetch('reservation', '/v1.0/invoke/payment/method/payments', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(facts),
  });
  t.is(paid.status, 200);
  const { payment, promotion } = (await paid.json()) as {
    payment: { paymentId: string; paymentStatus: string };
    promotion: { status: string; couponId: string };
  };
  t.is(promotion.status, 'granted');

  const client = promotionsClient(`127.0.0.1:${await sidecarGrpcPort('payment')}`);
  t.teardown(() => client.close());
  const metadata = new grpc.Metadata();
  metadata.set('dapr-app-id', 'promotion');
  metadata.set('dapr-api-token', appSecrets('payment').daprApiToken);
  const answer = await callUnary(
    client,
    'grant',
    { paymentId: payment.paymentId, ...facts, paymentStatus: payment.paymentStatus },
    metadata,
  );
  if ('error' in answer) return t.fail(`promotions/grant failed: ${answer.error.message}`);
  const { promotion: granted, created } = answer.response as { promotion: object; created: boolean };
  t.false(created, 'the payment had its promotion already');
  t.like(WirePromotion.parse({ service: null, ...granted }), {
    couponId: promotion.couponId,
    paymentId: payment.paymentId,
    service: 'DISCOUNT COUPON',
    point: 10_000,
    status: 'granted',
  });
});
