import test from 'ava';
import { PaymentResult } from '@roomstay/contracts';
import { bodyAs } from '../../../packages/platform/test/support/http.ts';
import { approval, paymentApi } from './support/app.ts';

const settled = () => new Promise((resolve) => setImmediate(resolve));

test('an approval while publishing fails is answered, and the relay publishes PaymentApproved once the broker is back', async (t) => {
  const { api, repository, publisher, relay, advance } = await paymentApi(t);
  publisher.down = true;
  const paid = await api.post('/payments', approval(70_000));
  t.is(paid.status, 200);
  t.is(bodyAs(PaymentResult, paid).payment.paymentId, 'PAY-1');
  await settled();
  t.deepEqual(publisher.published, []);
  t.deepEqual(
    repository.all().map((record) => record.outbox.map((event) => event.topic)),
    [['PaymentApproved']],
  );
  advance(5_000);
  await t.throwsAsync(relay(), undefined, 'while the broker is down the record stays owed');

  publisher.down = false;
  await relay();
  t.deepEqual(publisher.topics(), ['PaymentApproved']);
  t.deepEqual(repository.all()[0]?.outbox, []);
  advance(5_000);
  await relay();
  t.deepEqual(publisher.topics(), ['PaymentApproved'], 'published once');
});

test('a refund whose publish failed leaves with the relay, after the approval it follows', async (t) => {
  const { api, publisher, relay, advance } = await paymentApi(t);
  publisher.down = true;
  t.is((await api.post('/payments', approval(70_000))).status, 200);
  t.is((await api.post('/payments/RSV-1/refund')).status, 200);
  await settled();
  publisher.down = false;
  advance(5_000);
  await relay();
  t.deepEqual(publisher.topics(), ['PaymentApproved', 'PaymentRefunded']);
});
