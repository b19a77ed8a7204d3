import test from 'ava';
import { makeListNotices, makeTellCustomer } from '../src/application/notices.ts';
import { InMemoryInboxes } from './support/fakes.ts';

const approved = {
  paymentId: 'PAY-1',
  reservationId: 'RSV-1',
  customerId: 'alice',
  customerName: 'Alice',
  paymentPrice: 1_000,
};
const placed = {
  reservationId: 'RSV-1',
  customerId: 'alice',
  roomId: 'R-1',
  checkIn: '2030-03-01',
  checkOut: '2030-03-02',
  nights: 1,
  price: 1_000,
};

test('notices come newest first by the time of their event, whatever order the events arrive in', async (t) => {
  const inboxes = new InMemoryInboxes();
  const tell = makeTellCustomer(inboxes);
  // The payment's event arrives before the placement it followed (another topic, another service).
  await tell('RSV-1.PaymentApproved', 'PaymentApproved', approved, '2030-01-01T00:00:02.000Z');
  await tell('RSV-1.ReservationPlaced', 'ReservationPlaced', placed, '2030-01-01T00:00:01.000Z');
  await tell(
    'RSV-1.PromotionSaved.late',
    'PaymentApproved',
    { ...approved, paymentId: 'PAY-2' },
    '2030-01-01T00:00:03.000Z',
  );
  const { notices } = await makeListNotices(inboxes)('alice');
  t.deepEqual(
    notices.map((n) => n.noticeId),
    ['RSV-1.PromotionSaved.late', 'RSV-1.PaymentApproved', 'RSV-1.ReservationPlaced'],
  );
});
