import { eachAdapter, paidPayment, paymentApproved } from './support/app.ts';

const refund = (paymentId: string) => ({
  paymentId,
  reservationId: 'RSV-1',
  customerId: 'alice',
  paymentPrice: 120_000,
});

eachAdapter(
  'a grant and a revocation each wake the relay once; repeats and a refund before any grant do not',
  async (t, { api, kicks }) => {
    await api.grant(paidPayment(120_000));
    t.is(kicks(), 1, 'the grant queued PromotionSaved');
    await api.grant(paidPayment(120_000));
    await api.deliver('PaymentApproved', 'PAY-1.PaymentApproved', paymentApproved(120_000));
    t.is(kicks(), 1, 'repeated grants queue nothing');
    await api.deliver('PaymentRefunded', 'PAY-1.PaymentRefunded', refund('PAY-1'));
    t.is(kicks(), 2, 'the revocation queued PromotionRevoked');
    await api.deliver('PaymentRefunded', 'PAY-1.PaymentRefunded', refund('PAY-1'));
    t.is(kicks(), 2, 'revoking again queues nothing');
    await api.deliver('PaymentRefunded', 'PAY-2.PaymentRefunded', refund('PAY-2'));
    t.is(kicks(), 2, 'a refund before any grant queues nothing');
  },
);
