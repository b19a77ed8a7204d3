import test from 'ava';
import { errorOf } from '../../../packages/platform/test/support/http.ts';
import { alice, as, bob, garden, oceanView, reservationApi } from './support/app.ts';

test('the same Idempotency-Key twice answers the same body and calls payment once', async (t) => {
  const { placed, api, payments } = await reservationApi(t);
  const r = await placed(alice, { roomId: oceanView.roomId, checkIn: '2030-03-01', nights: 1 });
  const headers = { ...as(alice), 'idempotency-key': 'pay-once-1' };
  const first = await api.post(`/reservations/${r.reservationId}/payment`, undefined, headers);
  const replay = await api.post(`/reservations/${r.reservationId}/payment`, undefined, headers);
  t.is(first.status, 200);
  t.is(replay.status, 200);
  t.deepEqual(replay.body, first.body);
  t.is(payments.approvals.length, 1);
});

test('the same Idempotency-Key used for another reservation answers 422 idempotency_key_reused', async (t) => {
  const { placed, api, payments } = await reservationApi(t);
  const a = await placed(alice, { roomId: oceanView.roomId, checkIn: '2030-03-01', nights: 1 });
  const b = await placed(alice, { roomId: garden.roomId, checkIn: '2030-03-01', nights: 1 });
  const headers = { ...as(alice), 'idempotency-key': 'pay-once-2' };
  t.is((await api.post(`/reservations/${a.reservationId}/payment`, undefined, headers)).status, 200);
  const misuse = await api.post(`/reservations/${b.reservationId}/payment`, undefined, headers);
  t.is(misuse.status, 422);
  t.is(errorOf(misuse).code, 'idempotency_key_reused');
  t.deepEqual(
    payments.approvals.map((p) => p.reservationId),
    [a.reservationId],
  );
});

test("one customer's Idempotency-Key does not replay another customer's answer", async (t) => {
  const { placed, api, payments } = await reservationApi(t);
  const a = await placed(alice, { roomId: oceanView.roomId, checkIn: '2030-03-01', nights: 1 });
  const b = await placed(bob, { roomId: garden.roomId, checkIn: '2030-03-01', nights: 1 });
  const key = { 'idempotency-key': 'same-key' };
  t.is((await api.post(`/reservations/${a.reservationId}/payment`, undefined, { ...as(alice), ...key })).status, 200);
  const other = await api.post(`/reservations/${b.reservationId}/payment`, undefined, { ...as(bob), ...key });
  t.is(other.status, 200);
  t.is(payments.approvals.length, 2);
});

test('a failed payment is not remembered under its key: the retry calls payment again', async (t) => {
  const { placed, api, payments } = await reservationApi(t);
  const r = await placed(alice, { roomId: oceanView.roomId, checkIn: '2030-03-01', nights: 1 });
  const headers = { ...as(alice), 'idempotency-key': 'retry-me' };
  payments.approveAs = 'unavailable';
  t.is((await api.post(`/reservations/${r.reservationId}/payment`, undefined, headers)).status, 503);
  payments.approveAs = 'approved';
  t.is((await api.post(`/reservations/${r.reservationId}/payment`, undefined, headers)).status, 200);
  t.is(payments.approvals.length, 2);
});
