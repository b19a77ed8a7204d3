import test from 'ava';
import {
  cancel,
  expire,
  markCompleted,
  markPaid,
  mayHoldAnother,
  place,
  unpayable,
} from '../src/domain/reservation.ts';

const placedAt = '2030-01-01T09:00:00.000Z';
const placed = () =>
  place(
    {
      reservationId: 'RSV-1',
      customerId: 'alice',
      customerName: 'Alice',
      room: { roomId: 'R1', name: 'Ocean', price: 50_000 },
      stay: { checkIn: '2030-03-01', checkOut: '2030-03-02' },
    },
    placedAt,
    15 * 60_000,
  );
const justBefore = '2030-01-01T09:14:59.999Z';
const atTheEnd = '2030-01-01T09:15:00.000Z';

test('a placed reservation holds its nights for the hold time', (t) => {
  t.is(placed().expiresAt, atTheEnd);
  t.is(unpayable(placed(), justBefore), undefined);
  t.is(expire(placed(), justBefore).status, 'reserved');
});

test('unpaid at the end of the hold time, it expires and can no longer be paid', (t) => {
  t.is(unpayable(placed(), atTheEnd), 'expired');
  const expired = expire(placed(), atTheEnd);
  t.like(expired, { status: 'expired', cancelledAt: atTheEnd, cancelReason: 'not paid within the hold time' });
  t.is(unpayable(expired, atTheEnd), 'expired');
});

test('an expired reservation stays expired whatever arrives after', (t) => {
  const expired = expire(placed(), atTheEnd);
  t.is(markPaid(expired, 'PAY-1').status, 'expired');
  t.is(markCompleted(expired, 'PAY-1'), expired);
  t.is(cancel(expired, 'changed my mind', atTheEnd), expired);
  t.is(expire(expired, '2030-02-01T00:00:00.000Z'), expired);
});

test('a paid, completed or cancelled reservation never expires', (t) => {
  const later = '2030-02-01T00:00:00.000Z';
  for (const r of [markPaid(placed(), 'PAY-1'), markCompleted(placed(), 'PAY-1'), cancel(placed(), 'r', placedAt)]) {
    t.is(expire(r, later), r);
  }
});

test('a customer under the cap may hold another; at the cap, not; a cap of 0 is none', (t) => {
  t.true(mayHoldAnother(4, 5));
  t.false(mayHoldAnother(5, 5));
  t.false(mayHoldAnother(6, 5));
  t.true(mayHoldAnother(1_000, 0));
});
