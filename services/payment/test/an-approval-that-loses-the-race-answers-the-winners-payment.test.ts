import test from 'ava';
import { PaymentResult } from '@roomstay/contracts';
import { AppError, ConcurrencyConflict } from '@roomstay/platform';
import { approve } from '../src/domain/payment.ts';
import { paymentApproved } from '../src/application/events.ts';
import { paymentApi, approval } from './support/app.ts';
import { bodyAs, errorOf } from '../../../packages/platform/test/support/http.ts';
import { recordingLogger } from '../../../packages/platform/test/support/logs.ts';

const settled = () => new Promise((resolve) => setImmediate(resolve));

test("an approval whose create loses to another replica's answers that replica's payment and asks promotion about it", async (t) => {
  const { api, repository, promotions, publisher } = await paymentApi(t);
  const winner = approve(
    { reservationId: 'RSV-1', customerId: 'alice', customerName: 'Alice', paymentPrice: 70_000 },
    'PAY-ELSEWHERE',
    '2029-12-31T23:59:59.000Z',
  );
  repository.beforeCreate = () => repository.writeElsewhere({ payment: winner, outbox: [paymentApproved(winner)] });
  const reply = await api.post('/payments', approval(70_000));
  t.is(reply.status, 200);
  t.is(bodyAs(PaymentResult, reply).payment.paymentId, 'PAY-ELSEWHERE');
  t.deepEqual(
    promotions.asked.map((payment) => payment.paymentId),
    ['PAY-ELSEWHERE'],
  );
  t.deepEqual(
    repository.all().map((record) => record.payment.paymentId),
    ['PAY-ELSEWHERE'],
  );
  await settled();
  t.deepEqual(
    publisher.published.map((event) => event.id),
    ['PAY-ELSEWHERE.PaymentApproved'],
    "what the winner's record owes leaves, and nothing of the loser's",
  );
});

test('a store failure while creating the payment is answered as it is, and asks promotion nothing', async (t) => {
  const { api, repository, promotions } = await paymentApi(t);
  repository.beforeCreate = () => {
    throw new AppError('service_unavailable', 'state store down');
  };
  const reply = await api.post('/payments', approval(70_000));
  t.is(reply.status, 503);
  t.is(errorOf(reply).code, 'service_unavailable');
  t.deepEqual(promotions.asked, []);
  t.deepEqual(repository.all(), []);
});

test('an approval that keeps losing its create to a payment it cannot read answers 503 with Retry-After and asks no promotion', async (t) => {
  const { logger, lines } = recordingLogger();
  const { api, repository, promotions } = await paymentApi(t, logger);
  repository.beforeCreate = () => {
    throw new ConcurrencyConflict('payment:RSV-1 exists');
  };
  const reply = await api.post('/payments', approval(70_000));
  t.is(reply.status, 503);
  t.is(reply.headers.get('retry-after'), '1');
  t.true(repository.createAttempts > 1, 'it read again and tried again');
  t.deepEqual(promotions.asked, []);
  t.true(lines.some((line) => line.msg === 'payment of RSV-1 changed concurrently'));
});
