import test from 'ava';
import { Promotion as WirePromotion } from '@roomstay/contracts';
import { bodyAs } from '../../../packages/platform/test/support/http.ts';
import { promotionApi } from './support/app.ts';

test('a refund before any grant is kept as a revoked promotion of that payment, with no name, service or points', async (t) => {
  const { api } = await promotionApi(t);
  const refund = { paymentId: 'PAY-1', reservationId: 'RSV-1', customerId: 'alice', paymentPrice: 120_000 };
  t.is(await api.deliver('PaymentRefunded', 'PAY-1.PaymentRefunded', refund), 'SUCCESS');
  t.deepEqual(bodyAs(WirePromotion, await api.get('/promotions/PAY-1')), {
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
});
