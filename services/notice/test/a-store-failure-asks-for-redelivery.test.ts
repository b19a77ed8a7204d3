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

test('a notice the store failed to keep is asked for again, and kept once when it is', async (t) => {
  const { api, notices } = await noticeApi(t);
  notices.beforeAdd = () => {
    throw new Error('postgres down');
  };
  t.is(await api.deliver('PaymentRefunded', 'PAY-1.PaymentRefunded', refunded), 'RETRY');
  notices.beforeAdd = () => undefined;
  t.is(await api.deliver('PaymentRefunded', 'PAY-1.PaymentRefunded', refunded), 'SUCCESS');
  t.is(await api.deliver('PaymentRefunded', 'PAY-1.PaymentRefunded', refunded), 'SUCCESS');
  t.deepEqual(
    bodyAs(NoticeList, await api.get('/notices/alice', asCustomer('alice'))).notices.map((n) => n.noticeId),
    ['PAY-1.PaymentRefunded'],
  );
});
