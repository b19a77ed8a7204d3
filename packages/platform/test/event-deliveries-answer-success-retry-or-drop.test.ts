import test from 'ava';
import type { EventPayload } from '@roomstay/contracts';
import { silentLogger } from '../src/log.ts';
import { deliver, type ReceivedEvent } from '../src/subscriptions.ts';
import { cloudEvent } from './support/http.ts';

const refunded: EventPayload<'PaymentRefunded'> = {
  paymentId: 'PAY-1',
  reservationId: 'RSV-1',
  customerId: 'alice',
  paymentPrice: 70_000,
};

test('a valid CloudEvent reaches the handler with its id and typed payload', async (t) => {
  const seen: Array<ReceivedEvent<'PaymentRefunded'>> = [];
  const status = await deliver(
    'PaymentRefunded',
    cloudEvent('PaymentRefunded', 'PAY-1.PaymentRefunded', refunded),
    async (event) => {
      seen.push(event);
      return 'handled';
    },
    silentLogger,
  );
  t.is(status, 'SUCCESS');
  t.is(seen.length, 1);
  t.is(seen[0]?.id, 'PAY-1.PaymentRefunded');
  t.deepEqual(seen[0]?.payload, refunded);
});

test('a body that is not a CloudEvent is dropped without calling the handler', async (t) => {
  let called = false;
  const status = await deliver(
    'PaymentRefunded',
    refunded,
    async () => {
      called = true;
      return 'handled';
    },
    silentLogger,
  );
  t.is(status, 'DROP');
  t.false(called);
});

test('a CloudEvent whose payload breaks the topic schema is dropped', async (t) => {
  let called = false;
  const envelope = { ...cloudEvent('PaymentRefunded', 'x', refunded), data: { ...refunded, paymentPrice: -1 } };
  const status = await deliver(
    'PaymentRefunded',
    envelope,
    async () => {
      called = true;
      return 'handled';
    },
    silentLogger,
  );
  t.is(status, 'DROP');
  t.false(called);
});

test('a handler that throws asks for redelivery', async (t) => {
  const status = await deliver(
    'PaymentRefunded',
    cloudEvent('PaymentRefunded', 'x', refunded),
    async () => {
      throw new Error('store down');
    },
    silentLogger,
  );
  t.is(status, 'RETRY');
});
