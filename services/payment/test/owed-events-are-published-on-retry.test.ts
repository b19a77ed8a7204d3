import test from 'ava';
import { PaymentResult } from '@roomstay/contracts';
import { bodyAs, errorOf } from '../../../packages/platform/test/support/http.ts';
import { approval, paymentApi } from './support/app.ts';

test('when publishing fails the approval answers 503 and its retry publishes the owed event exactly once more', async (t) => {
  const { api, repository, publisher, promotions } = await paymentApi(t);
  publisher.down = true;
  const failed = await api.post('/payments', approval(70_000));
  t.is(failed.status, 503);
  t.is(errorOf(failed).code, 'service_unavailable');
  // the payment is stored, owing its event
  t.deepEqual(
    repository.all().map((record) => record.outbox.map((event) => event.topic)),
    [['PaymentApproved']],
  );
  t.deepEqual(publisher.published, []);
  t.is(promotions.asked.length, 0);

  publisher.down = false;
  const retried = await api.post('/payments', approval(70_000));
  t.is(retried.status, 200);
  t.is(bodyAs(PaymentResult, retried).payment.paymentId, 'PAY-1');
  t.deepEqual(publisher.topics(), ['PaymentApproved']);
  t.deepEqual(repository.all()[0]?.outbox, []);

  await api.post('/payments', approval(70_000));
  t.deepEqual(publisher.topics(), ['PaymentApproved']);
});

test('a refund publishes an approval still owed before its own event', async (t) => {
  const { api, publisher } = await paymentApi(t);
  publisher.down = true;
  t.is((await api.post('/payments', approval(70_000))).status, 503);
  publisher.down = false;
  t.is((await api.post('/payments/RSV-1/refund')).status, 200);
  t.deepEqual(publisher.topics(), ['PaymentApproved', 'PaymentRefunded']);
});
