import { cloudEvent } from '../../../packages/platform/test/support/http.ts';
import { eachAdapter, paymentApproved } from './support/app.ts';

eachAdapter(
  'a PaymentApproved whose payload breaks the contract is dropped and grants nothing',
  async (t, { api, store }) => {
    const { paymentId: _omitted, ...withoutPaymentId } = paymentApproved(100_000);
    const envelope = { ...cloudEvent('PaymentApproved', 'e1', paymentApproved(100_000)), data: withoutPaymentId };
    t.is(await api.deliverRaw('PaymentApproved', envelope), 'DROP');
    t.deepEqual(store.all(), []);
  },
);

eachAdapter('a PaymentApproved with a string price is dropped', async (t, { api, store }) => {
  const envelope = {
    ...cloudEvent('PaymentApproved', 'e1', paymentApproved(100_000)),
    data: { ...paymentApproved(100_000), paymentPrice: '100000' },
  };
  t.is(await api.deliverRaw('PaymentApproved', envelope), 'DROP');
  t.deepEqual(store.all(), []);
});

eachAdapter('a body that is not a CloudEvent is dropped', async (t, { api, store }) => {
  t.is(await api.deliverRaw('PaymentApproved', paymentApproved(100_000)), 'DROP');
  t.is(
    await api.deliverRaw('PaymentRefunded', { specversion: '0.3', id: 'x', source: 's', type: 't', data: {} }),
    'DROP',
  );
  t.deepEqual(store.all(), []);
});
