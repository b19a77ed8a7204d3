import test from 'ava';
import { cloudEvent } from '../../../packages/platform/test/support/http.ts';
import { paymentApproved, promotionApi } from './support/app.ts';

test('a PaymentApproved whose payload breaks the contract is dropped and grants nothing', async (t) => {
  const { api, store } = await promotionApi(t);
  const { paymentId: _omitted, ...withoutPaymentId } = paymentApproved(100_000);
  const envelope = { ...cloudEvent('PaymentApproved', 'e1', paymentApproved(100_000)), data: withoutPaymentId };
  t.is(await api.deliverRaw('PaymentApproved', envelope), 'DROP');
  t.deepEqual(store.all(), []);
});

test('a PaymentApproved with a string price is dropped', async (t) => {
  const { api, store } = await promotionApi(t);
  const envelope = {
    ...cloudEvent('PaymentApproved', 'e1', paymentApproved(100_000)),
    data: { ...paymentApproved(100_000), paymentPrice: '100000' },
  };
  t.is(await api.deliverRaw('PaymentApproved', envelope), 'DROP');
  t.deepEqual(store.all(), []);
});

test('a body that is not a CloudEvent is dropped', async (t) => {
  const { api, store } = await promotionApi(t);
  t.is(await api.deliverRaw('PaymentApproved', paymentApproved(100_000)), 'DROP');
  t.is(
    await api.deliverRaw('PaymentRefunded', { specversion: '0.3', id: 'x', source: 's', type: 't', data: {} }),
    'DROP',
  );
  t.deepEqual(store.all(), []);
});
