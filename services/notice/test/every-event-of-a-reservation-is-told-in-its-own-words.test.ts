import test from 'ava';
import type { EventPayload, Topic } from '@roomstay/contracts';
import { makeListNotices, makeTellCustomer } from '../src/application/notices.ts';
import { InMemoryNotices } from './support/fakes.ts';

const at = '2030-01-01T09:00:00.000Z';

/** Tells one event to a fresh store and returns the one notice it gave. */
async function noticeOf<T extends Topic>(topic: T, payload: EventPayload<T>) {
  const store = new InMemoryNotices();
  const delivery = await makeTellCustomer(store)(`E-${topic}`, topic, payload, at);
  const { notices } = await makeListNotices(store)('alice');
  return { delivery, notices };
}

const notice = (kind: string, reservationId: string, message: string, topic: string) => ({
  noticeId: `E-${topic}`,
  customerId: 'alice',
  kind,
  reservationId,
  message,
  at,
});

test('a placed reservation is told with its room, dates, nights and price to pay', async (t) => {
  const payload = {
    reservationId: 'RSV-1',
    customerId: 'alice',
    roomId: 'R-OCEAN',
    checkIn: '2030-03-01',
    checkOut: '2030-03-04',
    nights: 3,
    price: 1_250_000,
  };
  t.deepEqual(await noticeOf('ReservationPlaced', payload), {
    delivery: 'handled',
    notices: [
      notice(
        'reservation-placed',
        'RSV-1',
        'Reservation RSV-1 of room R-OCEAN from 2030-03-01 to 2030-03-04 (3 nights) is placed: 1,250,000 won to pay.',
        'ReservationPlaced',
      ),
    ],
  });
});

test('an approved payment is told with its amount', async (t) => {
  const payload = {
    paymentId: 'PAY-1',
    reservationId: 'RSV-2',
    customerId: 'alice',
    customerName: 'A',
    paymentPrice: 70_000,
  };
  t.deepEqual((await noticeOf('PaymentApproved', payload)).notices, [
    notice('payment-approved', 'RSV-2', 'Payment of 70,000 won for reservation RSV-2 is approved.', 'PaymentApproved'),
  ]);
});

test('a saved promotion is told with its service, coupon and points', async (t) => {
  const payload = {
    couponId: 'CPN-7',
    paymentId: 'PAY-1',
    reservationId: 'RSV-3',
    customerId: 'alice',
    customerName: 'A',
    paymentPrice: 120_000,
    paymentStatus: 'Y' as const,
    service: 'DISCOUNT COUPON' as const,
    point: 12_000,
  };
  t.deepEqual((await noticeOf('PromotionSaved', payload)).notices, [
    notice(
      'promotion-granted',
      'RSV-3',
      'You earned a DISCOUNT COUPON (coupon CPN-7) and 12,000 points.',
      'PromotionSaved',
    ),
  ]);
});

test('a cancelled reservation is told with the reason, or without one when none was given', async (t) => {
  const payload = {
    reservationId: 'RSV-4',
    customerId: 'alice',
    roomId: 'R-OCEAN',
    checkIn: '2030-03-01',
    checkOut: '2030-03-02',
    reason: 'not paid within the hold time',
  };
  t.deepEqual((await noticeOf('ReservationCancelled', payload)).notices, [
    notice(
      'reservation-cancelled',
      'RSV-4',
      'Reservation RSV-4 is cancelled: not paid within the hold time.',
      'ReservationCancelled',
    ),
  ]);
  t.is(
    (await noticeOf('ReservationCancelled', { ...payload, reason: '' })).notices[0]?.message,
    'Reservation RSV-4 is cancelled.',
  );
});

test('a refunded payment is told with its amount', async (t) => {
  const payload = { paymentId: 'PAY-1', reservationId: 'RSV-5', customerId: 'alice', paymentPrice: 1_000_000 };
  t.deepEqual((await noticeOf('PaymentRefunded', payload)).notices, [
    notice(
      'payment-refunded',
      'RSV-5',
      'Payment of 1,000,000 won for reservation RSV-5 is refunded.',
      'PaymentRefunded',
    ),
  ]);
});

test('a revoked promotion is told with its coupon and the points taken back', async (t) => {
  const payload = { couponId: 'CPN-8', paymentId: 'PAY-1', reservationId: 'RSV-6', customerId: 'alice', point: 7_000 };
  t.deepEqual((await noticeOf('PromotionRevoked', payload)).notices, [
    notice(
      'promotion-revoked',
      'RSV-6',
      'The promotion of reservation RSV-6 (coupon CPN-8, 7,000 points) is revoked.',
      'PromotionRevoked',
    ),
  ]);
});

test('a stay of one night is told as one night', async (t) => {
  const payload = {
    reservationId: 'RSV-1',
    customerId: 'alice',
    roomId: 'R-1',
    checkIn: '2030-03-01',
    checkOut: '2030-03-02',
    nights: 1,
    price: 900,
  };
  t.is(
    (await noticeOf('ReservationPlaced', payload)).notices[0]?.message,
    'Reservation RSV-1 of room R-1 from 2030-03-01 to 2030-03-02 (1 night) is placed: 900 won to pay.',
  );
});

test('an event that tells no customer anything is dropped and writes nothing', async (t) => {
  const store = new InMemoryNotices();
  const delivery = await makeTellCustomer(store)(
    'R-1.RoomRegistered',
    'RoomRegistered',
    { roomId: 'R-1', name: 'Ocean', price: 1_000 },
    at,
  );
  t.is(delivery, 'unknown-subject');
  t.is(store.kept, 0);
});
