import test from 'ava';
import { errorOf } from '../../../packages/platform/test/support/http.ts';
import { alice, oceanView, reservationApi } from './support/app.ts';

const night = (day: number) => ({ roomId: oceanView.roomId, checkIn: `2030-03-0${day}`, nights: 1 });

test('a placement whose reservation cannot be written answers the failure, and keeps neither its nights nor its place under the cap', async (t) => {
  const h = await reservationApi(t, { holdMs: 15 * 60_000, limit: 1 });
  const create = h.reservations.create.bind(h.reservations);
  h.reservations.create = async () => {
    throw new Error('state store down');
  };
  const failed = await h.place(alice, night(1));
  t.is(failed.status, 500);
  t.is(errorOf(failed).code, 'internal');
  t.deepEqual(h.nights.of(oceanView.roomId), [], 'the nights it claimed are free again');
  t.deepEqual(h.reservations.all(), []);

  h.reservations.create = create;
  const next = await h.place(alice, night(1));
  t.is(next.status, 201, 'the failed placement took no place under the cap of one');
});
