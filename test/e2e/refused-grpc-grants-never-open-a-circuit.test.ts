// Dapr's breakers count every non-OK status of a proxied gRPC call: issue 20
// found five unpaid grants through payment's sidecar opening its circuit to
// promotion, so the next valid grant got "circuit breaker is open". Promotion
// answers a refused grant OK with the refusal inside (roomstay/rpc/v1/
// refusal.proto); the caller's client (platform's refusalsAsErrors) reads it
// as the error it stands for.
import { randomUUID } from 'node:crypto';
import test from 'ava';
import { grpc } from '@roomstay/platform/grpc';
import { callUnary, promotionsClient } from '../../services/promotion/test/support/drivers.ts';
import { appSecrets, sidecarFetch, sidecarGrpcPort } from '../support/operator.ts';
import { openCircuits } from '../support/stack.ts';

test("ten refused gRPC grants through payment's sidecar open no circuit, and the next grant is answered", async (t) => {
  const facts = {
    reservationId: `grpc-refused-${randomUUID()}`,
    customerId: `grpc-${randomUUID().slice(0, 8)}`,
    customerName: 'Grpc Caller',
    paymentPrice: 100_000,
  };
  // A real payment (as reservation makes it), so that the valid grant at the end changes nothing.
  const paid = await sidecarFetch('reservation', '/v1.0/invoke/payment/method/payments', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(facts),
  });
  t.is(paid.status, 200);
  const { payment } = (await paid.json()) as { payment: { paymentId: string; paymentStatus: string } };

  const client = promotionsClient(`127.0.0.1:${await sidecarGrpcPort('payment')}`);
  t.teardown(() => client.close());
  const metadata = new grpc.Metadata();
  metadata.set('dapr-app-id', 'promotion');
  metadata.set('dapr-api-token', appSecrets('payment').daprApiToken);

  // Twice the streak that trips promotion's breaker (dapr/resiliency.yaml).
  for (let i = 0; i < 10; i++) {
    const refused = await callUnary(
      client,
      'grant',
      { ...facts, paymentId: `PAY-unpaid-${randomUUID()}`, paymentStatus: 'N' },
      metadata,
    );
    if (!('error' in refused)) return t.fail('an unpaid payment was granted');
    t.is(refused.error.code, grpc.status.FAILED_PRECONDITION, refused.error.details);
    t.is(refused.error.metadata.get('error-code')[0], 'payment_not_approved');
  }
  t.deepEqual(await openCircuits(['payment']), [], "no circuit of payment's sidecar opened");

  const answer = await callUnary(
    client,
    'grant',
    { paymentId: payment.paymentId, ...facts, paymentStatus: payment.paymentStatus },
    metadata,
  );
  if ('error' in answer) return t.fail(`the grant after the refusals failed: ${answer.error.message}`);
  t.like(answer.response, { promotion: { paymentId: payment.paymentId, status: 'granted' } });
});
