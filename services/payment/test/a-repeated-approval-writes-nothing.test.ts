import test from 'ava';
import { approval, paymentApi } from './support/app.ts';

test('approving a reservation that has its payment creates nothing new', async (t) => {
  const { api, repository } = await paymentApi(t);
  await api.post('/payments', approval(70_000));
  await api.post('/payments', approval(70_000));
  await api.post('/payments', approval(70_000));
  t.is(repository.createAttempts, 1);
});
