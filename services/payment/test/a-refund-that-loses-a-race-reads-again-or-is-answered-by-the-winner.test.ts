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

type Repository = Awaited<ReturnType<typeof paymentApi>>['repository'];
type StoredPayment = NonNullable<Awaited<ReturnType<Repository['get']>>>['value'];

/**
 * Before each of the refund's next `times` writes, another writer changes RSV-1's payment as `elsewhere`
 * says; `stop` ends it early.
 */
function anotherWriterFirst(repository: Repository, times: number, elsewhere: (p: StoredPayment) => StoredPayment) {
  let left = times;
  repository.beforeReplace = async () => {
    if (left <= 0) return;
    const stored = await repository.get('RSV-1');
    if (!stored) return;
    left--;
    repository.writeElsewhere(elsewhere(stored.value));
  };
  return { raced: () => times - left, stop: () => void (left = 0) };
}

test('a refund that loses to another change of the payment reads it again and refunds it, once', async (t) => {
  const { api, repository, publisher } = await paymentApi(t);
  await api.post('/payments', approval(70_000));
  await settled();
  // Another change lands first, once; the payment is still approved.
  const other = anotherWriterFirst(repository, 1, (p) => p);
  const reply = await api.post('/payments/RSV-1/refund');
  t.is(reply.status, 200);
  t.is(bodyAs(RefundAnswer, reply).payment?.paymentStatus, 'REFUNDED');
  t.true(other.raced() > 0);
  await settled();
  t.deepEqual(publisher.topics(), ['PaymentApproved', 'PaymentRefunded']);
});

test('a refund that keeps losing to other changes answers 503 with Retry-After, and a retry then refunds', async (t) => {
  const { logger, lines } = recordingLogger();
  const { api, repository, publisher } = await paymentApi(t, logger);
  await api.post('/payments', approval(70_000));
  await settled();
  const other = anotherWriterFirst(repository, Number.POSITIVE_INFINITY, (p) => p);
  const lost = await api.post('/payments/RSV-1/refund');
  t.is(lost.status, 503);
  t.is(errorOf(lost).code, 'service_unavailable');
  t.is(lost.headers.get('retry-after'), '1');
  t.true(lines.some((line) => line.msg === 'payment of RSV-1 changed concurrently'));
  t.is(repository.all()[0]?.payment.paymentStatus, 'Y');

  other.stop();
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
  anotherWriterFirst(repository, 1, (p) => {
    const elsewhere = refund(p.payment, '2030-01-01T12:00:00.000Z');
    return { payment: elsewhere, outbox: [paymentRefunded(elsewhere)] };
  });
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
