import test from 'ava';
import { NoticeList, type EventPayload } from '@roomstay/contracts';
import { wording } from '../src/domain/notice.ts';
import { bodyAs, asCustomer } from '../../../packages/platform/test/support/http.ts';
import { noticeApi } from './support/app.ts';

const saved = (
  paymentPrice: number,
  service: EventPayload<'PromotionSaved'>['service'],
): EventPayload<'PromotionSaved'> => ({
  couponId: 'CPN-1',
  paymentId: 'PAY-1',
  reservationId: 'RSV-1',
  customerId: 'alice',
  customerName: 'Alice',
  paymentPrice,
  paymentStatus: 'Y',
  service,
  point: Math.floor(paymentPrice / 10),
});

test('a promotion with a coupon names the service, the coupon and the points', (t) => {
  t.is(
    wording({
      kind: 'promotion-granted',
      reservationId: 'RSV-1',
      service: 'DISCOUNT COUPON',
      couponId: 'CPN-1',
      point: 12_000,
    }),
    'You earned a DISCOUNT COUPON (coupon CPN-1) and 12,000 points.',
  );
  t.is(
    wording({
      kind: 'promotion-granted',
      reservationId: 'RSV-1',
      service: 'BEVERAGE',
      couponId: 'CPN-2',
      point: 5_000,
    }),
    'You earned a BEVERAGE (coupon CPN-2) and 5,000 points.',
  );
});

test('a points-only promotion mentions only the points', (t) => {
  const message = wording({
    kind: 'promotion-granted',
    reservationId: 'RSV-1',
    service: null,
    couponId: 'CPN-3',
    point: 4_999,
  });
  t.is(message, 'You earned 4,999 points.');
  t.false(message.includes('CPN-3'));
});

test('PromotionSaved events become promotion-granted notices worded by their service', async (t) => {
  const { api } = await noticeApi(t);
  await api.deliver('PromotionSaved', 'PAY-1.PromotionSaved', saved(150_000, 'DISCOUNT COUPON'));
  await api.deliver('PromotionSaved', 'PAY-2.PromotionSaved', {
    ...saved(30_000, null),
    paymentId: 'PAY-2',
    couponId: 'CPN-2',
    reservationId: 'RSV-2',
  });
  const { notices } = bodyAs(NoticeList, await api.get('/notices/alice', asCustomer('alice')));
  t.deepEqual(
    notices.map((n) => [n.kind, n.message]),
    [
      ['promotion-granted', 'You earned 3,000 points.'],
      ['promotion-granted', 'You earned a DISCOUNT COUPON (coupon CPN-1) and 15,000 points.'],
    ],
  );
});

test('a revoked promotion and a refund are worded with their amounts', (t) => {
  t.is(
    wording({ kind: 'promotion-revoked', reservationId: 'RSV-1', couponId: 'CPN-1', point: 12_000 }),
    'The promotion of reservation RSV-1 (coupon CPN-1, 12,000 points) is revoked.',
  );
  t.is(
    wording({ kind: 'payment-refunded', reservationId: 'RSV-1', paymentPrice: 120_000 }),
    'Payment of 120,000 won for reservation RSV-1 is refunded.',
  );
  t.is(
    wording({ kind: 'reservation-cancelled', reservationId: 'RSV-1', reason: '' }),
    'Reservation RSV-1 is cancelled.',
  );
});
