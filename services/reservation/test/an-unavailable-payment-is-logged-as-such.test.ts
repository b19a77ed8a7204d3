import test from 'ava';
import { recordingLogger } from '../../../packages/platform/test/support/logs.ts';
import { alice, as, oceanView, reservationApi } from './support/app.ts';

const stay = { roomId: oceanView.roomId, checkIn: '2030-03-01', nights: 2 };

test('paying, refunding an ended payment and cancelling while payment is unavailable each log what was not done', async (t) => {
  const { logger, lines } = recordingLogger();
  const h = await reservationApi(t, { holdMs: 60_000, limit: 0 }, logger);
  const paid = await h.placed(alice, stay);
  const expired = await h.placed(alice, { ...stay, checkIn: '2030-04-01' });
  h.payments.approveAs = 'unavailable';
  h.payments.refundAs = 'unavailable';
  const answers = [
    await h.api.post(`/reservations/${paid.reservationId}/payment`, undefined, as(alice)),
    await h.api.post(`/reservations/${paid.reservationId}/cancel`, undefined, as(alice)),
  ];
  h.advance(61_000);
  answers.push(await h.api.post(`/reservations/${expired.reservationId}/payment`, undefined, as(alice)));
  t.deepEqual(
    answers.map((answer) => [answer.status, answer.headers.get('retry-after')]),
    [
      [503, '5'],
      [503, '5'],
      [503, '5'],
    ],
  );
  t.deepEqual(
    lines.filter((line) => line.level >= 50).map((line) => line.msg),
    [
      'payment is unavailable; try again shortly',
      'payment is unavailable; the reservation was not cancelled',
      'payment is unavailable; try again shortly',
    ],
  );
});
