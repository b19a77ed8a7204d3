import test from 'ava';
import { NoticeList, type EventPayload } from '@roomstay/contracts';
import { bodyAs, asCustomer } from '../../../packages/platform/test/support/http.ts';
import { noticeApi } from './support/app.ts';

const refunded: EventPayload<'PaymentRefunded'> = {
  paymentId: 'PAY-1',
  reservationId: 'RSV-1',
  customerId: 'alice',
  paymentPrice: 70_000,
};

test('losing the inbox write to another replica once is absorbed by reading again, and a redelivery tells nothing twice', async (t) => {
  const { api, inboxes } = await noticeApi(t);
  let raced = false;
  inboxes.beforeSave = (customerId) => {
    if (raced) return;
    raced = true;
    // another replica tells alice something else in between our read and our write
    void inboxes.writeElsewhere(customerId, {
      notices: [
        {
          noticeId: 'other',
          customerId,
          kind: 'payment-approved',
          reservationId: 'RSV-0',
          message: 'm',
          // Of an event before the refund: notices are newest first by their event's time.
          at: '2020-01-01T00:00:00.000Z',
        },
      ],
    });
  };
  t.is(await api.deliver('PaymentRefunded', 'PAY-1.PaymentRefunded', refunded), 'SUCCESS');
  t.is(await api.deliver('PaymentRefunded', 'PAY-1.PaymentRefunded', refunded), 'SUCCESS');
  const { notices } = bodyAs(NoticeList, await api.get('/notices/alice', asCustomer('alice')));
  t.deepEqual(
    notices.map((n) => n.noticeId),
    ['PAY-1.PaymentRefunded', 'other'],
  );
});

test('a repository that throws ConcurrencyConflict on every write answers RETRY each time', async (t) => {
  const { api, inboxes } = await noticeApi(t);
  inboxes.beforeSave = (customerId) => {
    void inboxes.writeElsewhere(customerId, { notices: [] });
  };
  t.is(await api.deliver('PaymentRefunded', 'PAY-1.PaymentRefunded', refunded), 'RETRY');
  t.is(await api.deliver('PaymentRefunded', 'PAY-1.PaymentRefunded', refunded), 'RETRY');
});

test('a repository failure that is not a conflict also asks for redelivery', async (t) => {
  const { api, inboxes } = await noticeApi(t);
  inboxes.beforeSave = () => {
    throw new Error('postgres down');
  };
  t.is(await api.deliver('PaymentRefunded', 'PAY-1.PaymentRefunded', refunded), 'RETRY');
  inboxes.beforeSave = () => undefined;
  t.is(await api.deliver('PaymentRefunded', 'PAY-1.PaymentRefunded', refunded), 'SUCCESS');
  t.is(bodyAs(NoticeList, await api.get('/notices/alice', asCustomer('alice'))).notices.length, 1);
});
