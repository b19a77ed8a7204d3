// The name a payment is approved for is told in PaymentApproved: the approval
// and the event count it the same way, so an approved name is always told.
import test from 'ava';
import { MAX_CUSTOMER_NAME_LENGTH, PaymentApproved } from '@roomstay/contracts';
import { errorOf } from '../../../packages/platform/test/support/http.ts';
import { approval, paymentApi } from './support/app.ts';

/** Characters outside the Basic Multilingual Plane: two UTF-16 units each. */
const emoji = (count: number): string => '🏨'.repeat(count);

test('a customer name of its most characters in emoji is approved, and its PaymentApproved passes its schema', async (t) => {
  const { api, publisher, relay } = await paymentApi(t);
  const reply = await api.post('/payments', approval(70_000, { customerName: emoji(MAX_CUSTOMER_NAME_LENGTH) }));
  t.is(reply.status, 200, JSON.stringify(reply.body));
  await relay();
  const told = publisher.published.find((event) => event.topic === 'PaymentApproved');
  t.true(PaymentApproved.safeParse(told?.payload).success);
});

test('a customer name one character longer is refused with 400 naming it, as its event would be', async (t) => {
  const { api, publisher } = await paymentApi(t);
  const customerName = emoji(MAX_CUSTOMER_NAME_LENGTH + 1);
  const reply = await api.post('/payments', approval(70_000, { customerName }));
  t.is(reply.status, 400);
  t.like(errorOf(reply), { code: 'invalid_field', field: 'customerName' });
  t.deepEqual(publisher.published, []);
  const event = { paymentId: 'PAY-1', reservationId: 'RSV-1', customerId: 'alice', customerName, paymentPrice: 70_000 };
  t.deepEqual(PaymentApproved.safeParse(event).error?.issues[0]?.path, ['customerName']);
});
