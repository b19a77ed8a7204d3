import test from 'ava';
import { approval, paymentApi } from './support/app.ts';

const settled = () => new Promise((resolve) => setImmediate(resolve));

test('PaymentApproved and PaymentRefunded leave under ids made of the payment id, timed when each happened', async (t) => {
  const { api, publisher } = await paymentApi(t);
  await api.post('/payments', approval(70_000));
  await api.post('/payments/RSV-1/refund');
  await settled();
  t.deepEqual(publisher.published, [
    {
      id: 'PAY-1.PaymentApproved',
      topic: 'PaymentApproved',
      time: '2030-01-01T00:00:00.000Z',
      payload: {
        paymentId: 'PAY-1',
        reservationId: 'RSV-1',
        customerId: 'alice',
        customerName: 'Alice',
        paymentPrice: 70_000,
      },
    },
    {
      id: 'PAY-1.PaymentRefunded',
      topic: 'PaymentRefunded',
      time: '2030-01-01T00:00:01.000Z',
      payload: { paymentId: 'PAY-1', reservationId: 'RSV-1', customerId: 'alice', paymentPrice: 70_000 },
    },
  ]);
});
