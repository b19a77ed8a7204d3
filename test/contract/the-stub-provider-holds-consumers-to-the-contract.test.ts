// The generic stub is what makes consumer tests able to fail: a request that
// is not the armed interaction is recorded and answered as a failure; a
// refusal leaves it in platform's envelope; the consumer gets only the fields
// it said it reads; an app the consumer has no contract with is not reached.
import { HttpMethod } from '@dapr/dapr';
import test from 'ava';
import { InternalRefusal } from '@roomstay/contracts';
import { silentLogger } from '@roomstay/platform';
import { z } from 'zod';
import { daprPaymentGateway } from '../../services/reservation/src/adapters/payment-gateway.ts';
import { approval, reservationPayment } from './edges/reservation-payment.ts';
import { interaction, type InvocationContract } from './support/contract.ts';
import { stubSidecar } from './support/stub-sidecar.ts';

const [approveNew, , refusedPrice] = reservationPayment.interactions;

test('a request other than the armed interaction is recorded and fails the consumer', async (t) => {
  if (!approveNew) return t.fail();
  const stub = await stubSidecar(t, [reservationPayment]);
  stub.arm(approveNew);
  const outcome = await daprPaymentGateway(stub.client, silentLogger).approve({ ...approval, paymentPrice: 7 });
  t.deepEqual(outcome, { kind: 'unavailable' });
  t.is(stub.unmatched.length, 1);
  t.regex(stub.unmatched[0] ?? '', /paymentPrice":7/);
  t.deepEqual(stub.matched, []);
});

test('a request with no interaction armed is recorded', async (t) => {
  const stub = await stubSidecar(t, [reservationPayment]);
  await daprPaymentGateway(stub.client, silentLogger).refund('RSV-1');
  t.regex(stub.unmatched[0] ?? '', /no interaction was armed/);
});

test('a refusal leaves the stub inside the envelope platform puts it in', async (t) => {
  if (!refusedPrice) return t.fail();
  const stub = await stubSidecar(t, [reservationPayment]);
  stub.arm(refusedPrice);
  const raw = await stub.client.invoker.invoke('payment', 'payments', HttpMethod.POST, {
    ...approval,
    paymentPrice: 1,
  });
  t.is(InternalRefusal.parse(raw).refused.status, 409);
});

test('the consumer gets only the fields it said it reads', async (t) => {
  const narrow: InvocationContract = {
    consumer: 'reservation',
    provider: 'payment',
    interactions: [
      interaction({
        description: 'read a payment, only its status',
        state: 'any',
        request: { method: 'GET', path: '/payments/RSV-1' },
        response: {
          status: 200,
          body: z.object({ paymentStatus: z.string() }),
          // A provider-shaped example with a field the consumer does not read.
          example: { paymentStatus: 'Y', paymentId: 'PAY-1' } as { paymentStatus: string },
        },
      }),
    ],
  };
  const stub = await stubSidecar(t, [narrow]);
  const [only] = narrow.interactions;
  if (!only) return t.fail();
  stub.arm(only);
  t.deepEqual(await stub.client.invoker.invoke('payment', 'payments/RSV-1', HttpMethod.GET), { paymentStatus: 'Y' });
});

test('an app the consumer has no contract with is not reached', async (t) => {
  const stub = await stubSidecar(t, [reservationPayment]);
  await t.throwsAsync(stub.client.invoker.invoke('notice', 'notices/alice', HttpMethod.GET));
  t.regex(stub.unmatched[0] ?? '', /notice, which reservation has no contract with/);
});
