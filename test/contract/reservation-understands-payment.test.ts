// Consumer verification of reservation -> payment: reservation's real payment
// gateway, through the Dapr SDK, against a stub payment made from the
// contract. It must send each interaction's request and understand its answer:
// an approval, a refusal (enveloped: not an outage), a refund; and every
// failure of the path to payment as "unavailable", never as a refusal.
import test from 'ava';
import { silentLogger } from '@roomstay/platform';
import { daprPaymentGateway } from '../../services/reservation/src/adapters/payment-gateway.ts';
import type { PaymentGateway } from '../../services/reservation/src/application/ports.ts';
import { approval, reservationPayment } from './edges/reservation-payment.ts';
import { assertMet, pathFailures, stubSidecar } from './support/stub-sidecar.ts';

/** What reservation does for each interaction, and what it must make of the answer. */
const uses: Record<string, { call: (payments: PaymentGateway) => Promise<unknown>; understood: unknown }> = {
  'approve the payment of a reservation not paid before': {
    call: (payments) => payments.approve(approval),
    understood: { kind: 'approved' },
  },
  'approve the same payment again and get the first one': {
    call: (payments) => payments.approve(approval),
    understood: { kind: 'approved' },
  },
  'approve a paid reservation at another price and be refused': {
    call: (payments) => payments.approve({ ...approval, paymentPrice: 1 }),
    understood: { kind: 'refused', status: 409 },
  },
  'approve a refunded reservation and be refused': {
    call: (payments) => payments.approve(approval),
    understood: { kind: 'refused', status: 409 },
  },
  'approve a payment of nothing and be refused as invalid': {
    call: (payments) => payments.approve({ ...approval, paymentPrice: 0 }),
    understood: { kind: 'refused', status: 400 },
  },
  'refund a paid reservation': {
    call: (payments) => payments.refund('RSV-1'),
    understood: { kind: 'refunded', payment: { paymentId: 'PAY-1', paymentStatus: 'REFUNDED' } },
  },
  'refund a refunded reservation again and get the same refund': {
    call: (payments) => payments.refund('RSV-1'),
    understood: { kind: 'refunded', payment: { paymentId: 'PAY-1', paymentStatus: 'REFUNDED' } },
  },
  'refund a reservation that was never paid and learn there was nothing to refund': {
    call: (payments) => payments.refund('RSV-1'),
    understood: { kind: 'refunded', payment: null },
  },
};

test('every interaction reservation needs of payment is one reservation makes', (t) => {
  t.deepEqual(Object.keys(uses).sort(), reservationPayment.interactions.map((i) => i.description).sort());
});

for (const interaction of reservationPayment.interactions) {
  test(`reservation sends "${interaction.description}" as the contract says and understands payment's answer`, async (t) => {
    const use = uses[interaction.description];
    if (!use) return t.fail('no use of this interaction');
    const stub = await stubSidecar(t, [reservationPayment]);
    stub.arm(interaction);
    const outcome = await use.call(daprPaymentGateway(stub.client, silentLogger));
    assertMet(t, stub, interaction);
    t.like(outcome, use.understood as Record<string, unknown>);
    if (interaction.response.status === 200 && interaction.request.path === '/payments') {
      t.deepEqual(outcome, { kind: 'approved', result: interaction.response.example }, 'the approval, whole');
    }
  });
}

for (const failure of pathFailures) {
  test(`reservation takes a path to payment that fails (${failure}) as payment unavailable, for approvals and refunds`, async (t) => {
    const stub = await stubSidecar(t, [reservationPayment]);
    const payments = daprPaymentGateway(stub.client, silentLogger);
    stub.failNext(failure);
    t.deepEqual(await payments.approve(approval), { kind: 'unavailable' });
    stub.failNext(failure);
    t.deepEqual(await payments.refund('RSV-1'), { kind: 'unavailable' });
    t.deepEqual(stub.unmatched, []);
  });
}
