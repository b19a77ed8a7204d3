import test from 'ava';
import { NoticeList, type EventPayload } from '@roomstay/contracts';
import { bodyAs, asCustomer } from '../../../packages/platform/test/support/http.ts';
import { noticeApi } from './support/app.ts';

const approved: EventPayload<'PaymentApproved'> = {
  paymentId: 'PAY-1',
  reservationId: 'RSV-1',
  customerId: 'alice',
  customerName: 'Alice',
  paymentPrice: 70_000,
};

test('the same event delivered twice gives one notice', async (t) => {
  const { api, notices: store } = await noticeApi(t);
  t.is(await api.deliver('PaymentApproved', 'PAY-1.PaymentApproved', approved), 'SUCCESS');
  t.is(await api.deliver('PaymentApproved', 'PAY-1.PaymentApproved', approved), 'SUCCESS');
  const { notices } = bodyAs(NoticeList, await api.get('/notices/alice', asCustomer('alice')));
  t.is(notices.length, 1);
  t.like(notices[0], {
    noticeId: 'PAY-1.PaymentApproved',
    customerId: 'alice',
    kind: 'payment-approved',
    reservationId: 'RSV-1',
    message: 'Payment of 70,000 won for reservation RSV-1 is approved.',
  });
  t.is(store.kept, 1);
});

test('different events give one notice each, newest first', async (t) => {
  const { api } = await noticeApi(t);
  await api.deliver('ReservationPlaced', 'RSV-1.ReservationPlaced', {
    reservationId: 'RSV-1',
    customerId: 'alice',
    roomId: 'R-OCEAN',
    checkIn: '2030-03-01',
    checkOut: '2030-03-02',
    nights: 1,
    price: 70_000,
  });
  await api.deliver('PaymentApproved', 'PAY-1.PaymentApproved', approved);
  const { notices } = bodyAs(NoticeList, await api.get('/notices/alice', asCustomer('alice')));
  t.deepEqual(
    notices.map((n) => n.kind),
    ['payment-approved', 'reservation-placed'],
  );
  t.is(
    notices[1]?.message,
    'Reservation RSV-1 of room R-OCEAN from 2030-03-01 to 2030-03-02 (1 night) is placed: 70,000 won to pay.',
  );
});

test("a customer with no notices gets an empty list, and sees no one else's", async (t) => {
  const { api } = await noticeApi(t);
  await api.deliver('PaymentApproved', 'PAY-1.PaymentApproved', approved);
  t.deepEqual(bodyAs(NoticeList, await api.get('/notices/bob', asCustomer('bob'))), { notices: [] });
});
