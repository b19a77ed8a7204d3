import { eachAdapter } from './support/app.ts';

eachAdapter(
  'a refund before any grant is kept as a revoked promotion of that payment, with no name, service or points',
  async (t, { api }) => {
    const refund = { paymentId: 'PAY-1', reservationId: 'RSV-1', customerId: 'alice', paymentPrice: 120_000 };
    t.is(await api.deliver('PaymentRefunded', 'PAY-1.PaymentRefunded', refund), 'SUCCESS');
    const found = await api.find('PAY-1');
    if (!found.ok) return t.fail(`refused: ${found.code}`);
    t.deepEqual(found.promotion, {
      couponId: 'CPN-1',
      paymentId: 'PAY-1',
      reservationId: 'RSV-1',
      customerId: 'alice',
      customerName: '',
      paymentPrice: 120_000,
      paymentStatus: 'Y',
      service: null,
      point: 0,
      status: 'revoked',
    });
  },
);
