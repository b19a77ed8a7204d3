// PostgreSQL's jsonb cannot keep U+0000: a cancel reason holding one made
// notice's save fail on every redelivery, holding up its Kafka partition for
// every customer behind it. Such text is refused where it enters, and an event
// that holds it anyway is dropped (dead-lettered) rather than retried.
import test from 'ava';
import { CancelReservation, ReservationCancelled, RegisterRoom } from '@roomstay/contracts';
import { silentLogger } from '../src/log.ts';
import { deliver } from '../src/subscriptions.ts';
import { cloudEvent } from './support/http.ts';

test('a cancel reason or a room name with a control character is refused, naming the field', (t) => {
  for (const [schema, body, field] of [
    [CancelReservation, { reason: 'changed plans\u0000' }, 'reason'],
    [RegisterRoom, { name: 'Ocean\u0007View', price: 100_000 }, 'name'],
  ] as const) {
    const parsed = schema.safeParse(body);
    t.false(parsed.success);
    t.deepEqual(parsed.error?.issues[0]?.path, [field]);
  }
});

test('text a person writes keeps tabs, line breaks and Hangul', (t) => {
  const parsed = CancelReservation.safeParse({ reason: '일정 변경\n\tplans changed' });
  t.true(parsed.success);
});

test('an event whose text no store can keep is dropped without calling the handler', async (t) => {
  let called = false;
  const payload = {
    reservationId: 'RSV-1',
    customerId: 'alice',
    roomId: 'ROOM-1',
    checkIn: '2030-01-01',
    checkOut: '2030-01-02',
    reason: 'changed plans\u0000',
  };
  t.false(ReservationCancelled.safeParse(payload).success);
  const status = await deliver(
    'ReservationCancelled',
    cloudEvent('ReservationCancelled', 'RSV-1.ReservationCancelled', payload),
    async () => {
      called = true;
      return 'handled';
    },
    silentLogger,
  );
  t.is(status, 'DROP');
  t.false(called);
});
