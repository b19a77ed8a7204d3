import test from 'ava';
import { z } from 'zod';
import { Payment } from '@roomstay/contracts';
import { AppError } from '@roomstay/platform';
import { refund } from '../src/domain/payment.ts';
import { bodyAs, errorOf } from '../../../packages/platform/test/support/http.ts';
import { recordingLogger } from '../../../packages/platform/test/support/logs.ts';
import { paymentRefunded } from '../src/application/events.ts';
import { approval, paymentApi } from './support/app.ts';

const RefundAnswer = z.strictObject({ payment: Payment.nullable() });
const settled = () => new Promise((resolve) => setImmediate(resolve));

test('a refund that loses to another change of the payment reads it again and refunds it, once', async (t) => {
  const { api, repository, publisher } = await paymentApi(t);
  await api.post('/payments', approval(70_000));
  await settled();
  let raced = false;
  repository.beforeReplace = async () => {
    if (raced) return;
    raced = true;
    // Another change lands first; the payment is still approved.
    const stored = await repository.get('RSV-1');
    if (stored) repository.writeElsewhere(stored.value);
  };
  const reply = await api.post('/payments/RSV-1/refund');
  t.is(reply.status, 200);
  t.is(bodyAs(RefundAnswer, reply).payment?.paymentStatus, 'REFUNDED');
  t.true(raced);
  await settled();
  t.deepEqual(publisher.topics(), ['PaymentApproved', 'PaymentRefunded']);
});

test('a refund that keeps losing to other changes answers 503 with Retry-After, and a retry then refunds', async (t) => {
  const { logger, lines } = recordingLogger();
  const { api, repository, publisher } = await paymentApi(t, logger);
  await api.post('/payments', approval(70_000));
  await settled();
  let racing = true;
  repository.beforeReplace = async () => {
    if (!racing) return;
    const stored = await repository.get('RSV-1');
    if (stored) repository.writeElsewhere(stored.value);
  };
  const lost = await api.post('/payments/RSV-1/refund');
  t.is(lost.status, 503);
  t.is(errorOf(lost).code, 'service_unavailable');
  t.is(lost.headers.get('retry-after'), '1');
  t.true(lines.some((line) => line.msg === 'payment of RSV-1 changed concurrently'));
  t.is(repository.all()[0]?.payment.paymentStatus, 'Y');

  racing = false;
  const retried = await api.post('/payments/RSV-1/refund');
  t.is(retried.status, 200);
  t.is(bodyAs(RefundAnswer, retried).payment?.paymentStatus, 'REFUNDED');
  await settled();
  t.deepEqual(publisher.topics(), ['PaymentApproved', 'PaymentRefunded']);
});

test('a refund that loses to a refund elsewhere answers the refunded payment, refunded once', async (t) => {
  const { api, repository, publisher } = await paymentApi(t);
  await api.post('/payments', approval(70_000));
  await settled();
  let raced = false;
  repository.beforeReplace = async () => {
    if (raced) return;
    raced = true;
    const stored = await repository.get('RSV-1');
    if (!stored) return;
    const elsewhere = refund(stored.value.payment, '2030-01-01T12:00:00.000Z');
    repository.writeElsewhere({ payment: elsewhere, outbox: [paymentRefunded(elsewhere)] });
  };
  const reply = await api.post('/payments/RSV-1/refund');
  t.is(reply.status, 200);
  t.is(bodyAs(RefundAnswer, reply).payment?.paymentStatus, 'REFUNDED');
  await settled();
  t.deepEqual(publisher.topics(), ['PaymentApproved', 'PaymentRefunded']);
  t.is(publisher.published[1]?.time, '2030-01-01T12:00:00.000Z', "the winner's refund");
});

test('a store failure while refunding is answered as it is, and leaves the payment approved', async (t) => {
  const { logger, lines } = recordingLogger();
  const { api, repository } = await paymentApi(t, logger);
  await api.post('/payments', approval(70_000));
  await settled();
  repository.beforeReplace = () => {
    throw new AppError('service_unavailable', 'state store down');
  };
  const reply = await api.post('/payments/RSV-1/refund');
  t.is(reply.status, 503);
  t.is(repository.all()[0]?.payment.paymentStatus, 'Y');
  t.deepEqual(
    lines.filter((line) => line.level >= 50).map((line) => line.msg),
    ['state store down'],
    'the failure itself, not taken for a lost race',
  );
});
