import test from 'ava';
import {
  cancel,
  markCompleted,
  markPaid,
  place,
  unpayable,
  visibleTo,
  type Reservation,
} from '../src/domain/reservation.ts';

const placed = (): Reservation =>
  place(
    {
      reservationId: 'RSV-1',
      customerId: 'alice',
      customerName: 'Alice',
      room: { roomId: 'R1', name: 'Ocean', price: 50_000 },
      stay: { checkIn: '2030-03-01', checkOut: '2030-03-04' },
    },
    '2030-01-01T00:00:00.000Z',
    15 * 60_000,
  );

test('a placed reservation is reserved and costs the room price times the nights', (t) => {
  t.like(placed(), { status: 'reserved', nights: 3, price: 150_000, paymentId: null });
});

test('reserved becomes paid, then completed, keeping the payment', (t) => {
  const paid = markPaid(placed(), 'PAY-1');
  t.like(paid, { status: 'paid', paymentId: 'PAY-1' });
  const completed = markCompleted(paid, 'PAY-1');
  t.like(completed, { status: 'completed', paymentId: 'PAY-1' });
});

test('PromotionSaved before the payment answer still completes, and the late answer leaves it completed', (t) => {
  const completed = markCompleted(placed(), 'PAY-1');
  t.like(completed, { status: 'completed', paymentId: 'PAY-1' });
  t.is(markPaid(completed, 'PAY-1'), completed);
});

test('completing or paying twice changes nothing', (t) => {
  const completed = markCompleted(markPaid(placed(), 'PAY-1'), 'PAY-1');
  t.is(markCompleted(completed, 'PAY-1'), completed);
  const paid = markPaid(placed(), 'PAY-1');
  t.is(markPaid(paid, 'PAY-1'), paid);
});

test('a cancelled reservation stays cancelled whatever arrives after', (t) => {
  const cancelled = cancel(placed(), 'plans changed', '2030-01-02T00:00:00.000Z');
  t.like(cancelled, { status: 'cancelled', cancelReason: 'plans changed', cancelledAt: '2030-01-02T00:00:00.000Z' });
  t.is(markCompleted(cancelled, 'PAY-1'), cancelled);
  t.is(markPaid(cancelled, 'PAY-1').status, 'cancelled');
  t.is(cancel(cancelled, 'again', '2030-01-03T00:00:00.000Z'), cancelled);
  t.is(unpayable(cancelled, '2030-01-02T00:00:00.000Z'), 'cancelled');
});

test('a paid or completed reservation can be cancelled', (t) => {
  t.is(cancel(markPaid(placed(), 'PAY-1'), 'r', 'now').status, 'cancelled');
  t.is(cancel(markCompleted(placed(), 'PAY-1'), 'r', 'now').status, 'cancelled');
});

test('a reservation is visible to its customer and to administrators only', (t) => {
  t.true(visibleTo(placed(), { customerId: 'alice', role: 'customer' }));
  t.false(visibleTo(placed(), { customerId: 'bob', role: 'customer' }));
  t.true(visibleTo(placed(), { customerId: 'root', role: 'admin' }));
});
