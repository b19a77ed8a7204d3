import { eachAdapter, paidPayment } from './support/app.ts';

eachAdapter('an unpaid payment is refused naming the payment and its paymentStatus', async (t, { api }) => {
  const outcome = await api.grant(paidPayment(150_000, { paymentStatus: 'N' }));
  t.like(outcome, {
    ok: false,
    refusal: 'not_paid',
    code: 'payment_not_approved',
    message: 'payment PAY-1 is not paid (paymentStatus "N")',
    field: 'paymentStatus',
  });
});

eachAdapter('an unknown payment is answered not found, naming the payment', async (t, { api }) => {
  const outcome = await api.find('PAY-404');
  t.like(outcome, { ok: false, refusal: 'not_found', code: 'not_found', message: 'no promotion for payment PAY-404' });
});
