import test from 'ava';
import { Reservation, type EventPayload } from '@roomstay/contracts';
import { ConcurrencyConflict } from '@roomstay/platform';
import { bodyAs } from '../../../packages/platform/test/support/http.ts';
import { recordingLogger } from '../../../packages/platform/test/support/logs.ts';
import { alice, as, oceanView, reservationApi } from './support/app.ts';

const saved = (reservationId: string): EventPayload<'PromotionSaved'> => ({
  couponId: 'CPN-1',
  paymentId: `PAY-${reservationId}`,
  reservationId,
  customerId: 'alice',
  customerName: 'Alice Kim',
  paymentPrice: 100_000,
  paymentStatus: 'Y',
  service: 'DISCOUNT COUPON',
  point: 10_000,
});

test('PromotionSaved that loses the write to another change asks for redelivery, and the redelivery completes', async (t) => {
  const h = await reservationApi(t);
  const r = await h.placed(alice, { roomId: oceanView.roomId, checkIn: '2030-03-01', nights: 2 });
  await h.api.post(`/reservations/${r.reservationId}/payment`, undefined, as(alice));
  const replace = h.reservations.replace.bind(h.reservations);
  h.reservations.replace = async () => {
    throw new ConcurrencyConflict(`${r.reservationId} changed concurrently`);
  };
  const event = saved(r.reservationId);
  t.is(await h.api.deliver('PromotionSaved', `PAY-${r.reservationId}.PromotionSaved`, event), 'RETRY');
  t.is(bodyAs(Reservation, await h.read(alice, r.reservationId)).status, 'paid');
  h.reservations.replace = replace;
  t.is(await h.api.deliver('PromotionSaved', `PAY-${r.reservationId}.PromotionSaved`, event), 'SUCCESS');
  t.is(bodyAs(Reservation, await h.read(alice, r.reservationId)).status, 'completed');
});

test('PromotionSaved whose write fails otherwise is redelivered with the failure logged', async (t) => {
  const { logger, lines } = recordingLogger();
  const h = await reservationApi(t, undefined, logger);
  const r = await h.placed(alice, { roomId: oceanView.roomId, checkIn: '2030-03-01', nights: 2 });
  h.reservations.replace = async () => {
    throw new Error('state store down');
  };
  t.is(await h.api.deliver('PromotionSaved', `PAY-${r.reservationId}.PromotionSaved`, saved(r.reservationId)), 'RETRY');
  t.deepEqual(
    lines
      .filter((line) => line.msg === 'event handling failed; asking for redelivery')
      .map((line) => line.err?.message),
    ['state store down'],
  );
});

test('PromotionSaved for a reservation already completed writes nothing', async (t) => {
  const h = await reservationApi(t);
  const r = await h.placed(alice, { roomId: oceanView.roomId, checkIn: '2030-03-01', nights: 2 });
  t.is(
    await h.api.deliver('PromotionSaved', `PAY-${r.reservationId}.PromotionSaved`, saved(r.reservationId)),
    'SUCCESS',
  );
  h.reservations.replace = async () => {
    throw new Error('no write expected');
  };
  t.is(
    await h.api.deliver('PromotionSaved', `PAY-${r.reservationId}.PromotionSaved`, saved(r.reservationId)),
    'SUCCESS',
  );
});
