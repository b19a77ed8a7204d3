import test from 'ava';
import { errorOf } from '../../../packages/platform/test/support/http.ts';
import { recordingLogger } from '../../../packages/platform/test/support/logs.ts';
import { alice, as, oceanView, reservationApi } from './support/app.ts';

test('a reservation that cannot be read back after its change answers 500, logged as vanished', async (t) => {
  const { logger, lines } = recordingLogger();
  const h = await reservationApi(t, undefined, logger);
  const r = await h.placed(alice, { roomId: oceanView.roomId, checkIn: '2030-03-01', nights: 2 });
  const get = h.reservations.get.bind(h.reservations);
  const replace = h.reservations.replace.bind(h.reservations);
  let replaced = false;
  h.reservations.replace = async (record, etag) => {
    await replace(record, etag);
    replaced = true;
  };
  h.reservations.get = async (id) => (replaced ? undefined : get(id));
  const reply = await h.api.post(`/reservations/${r.reservationId}/payment`, undefined, as(alice));
  t.is(reply.status, 500);
  t.is(errorOf(reply).code, 'internal');
  t.true(lines.some((line) => line.msg === `reservation ${r.reservationId} vanished`));
});
