import test from 'ava';
import { ConcurrencyConflict } from '@roomstay/platform';
import { errorOf } from '../../../packages/platform/test/support/http.ts';
import { recordingLogger } from '../../../packages/platform/test/support/logs.ts';
import { alice, as, oceanView, reservationApi } from './support/app.ts';

const stay = { roomId: oceanView.roomId, checkIn: '2030-03-01', nights: 2 };

test('a payment whose reservation keeps changing under it answers 503 with Retry-After 1, after eight tries', async (t) => {
  const { logger, lines } = recordingLogger();
  const h = await reservationApi(t, undefined, logger);
  const r = await h.placed(alice, stay);
  let tries = 0;
  h.reservations.replace = async () => {
    tries++;
    throw new ConcurrencyConflict(`${r.reservationId} changed concurrently`);
  };
  const reply = await h.api.post(`/reservations/${r.reservationId}/payment`, undefined, as(alice));
  t.is(reply.status, 503);
  t.is(errorOf(reply).code, 'service_unavailable');
  t.deepEqual(
    lines.filter((line) => line.level >= 50).map((line) => line.msg),
    [`reservation ${r.reservationId} is busy; try again shortly`],
  );
  t.is(reply.headers.get('retry-after'), '1');
  t.is(tries, 8);
});

test('a placement whose customer holds keep changing under it answers 503 with Retry-After 1 and reserves nothing', async (t) => {
  const { logger, lines } = recordingLogger();
  const h = await reservationApi(t, { holdMs: 60_000, limit: 2 }, logger);
  h.holds.save = async () => {
    throw new ConcurrencyConflict('holds of alice changed concurrently');
  };
  const reply = await h.place(alice, stay);
  t.is(reply.status, 503);
  t.is(errorOf(reply).code, 'service_unavailable');
  t.deepEqual(
    lines.filter((line) => line.level >= 50).map((line) => line.msg),
    ['the holds of alice is busy; try again shortly'],
  );
  t.is(reply.headers.get('retry-after'), '1');
  t.deepEqual(h.reservations.all(), []);
  t.deepEqual(h.nights.of(oceanView.roomId), []);
});
