import test from 'ava';
import { ErrorBody, Reservation } from '@roomstay/contracts';
import { bodyAs } from '../../../packages/platform/test/support/http.ts';
import { alice, as, bob, oceanView, reservationApi } from './support/app.ts';

const HOLD = 15 * 60_000;
const stay = { roomId: oceanView.roomId, checkIn: '2030-03-01', nights: 2 };

test('an unpaid reservation expires when its hold runs out: nights freed, the customer told once', async (t) => {
  const h = await reservationApi(t);
  const r = await h.placed(alice, stay);
  t.is(r.expiresAt, '2030-01-01T09:15:00.000Z');
  h.advance(HOLD - 1);
  await h.expireHolds();
  t.is(bodyAs(Reservation, await h.read(alice, r.reservationId)).status, 'reserved');
  t.deepEqual(h.nights.holdersOf(oceanView.roomId), [r.reservationId]);

  h.advance(5_001); // past the end of the hold's window
  t.is(await h.expireHolds(), 1);
  const expired = bodyAs(Reservation, await h.read(alice, r.reservationId));
  t.is(expired.status, 'expired');
  t.is(expired.expiresAt, undefined);
  t.deepEqual(h.nights.holdersOf(oceanView.roomId), []);
  await new Promise((resolve) => setImmediate(resolve));
  const cancelled = h.publisher.published.filter((e) => e.topic === 'ReservationCancelled');
  t.is(cancelled.length, 1);
  t.like(cancelled[0]?.payload, { reservationId: r.reservationId, reason: 'not paid within the hold time' });

  // Taken again, nothing more happens: the hold was handled once.
  t.is(await h.expireHolds(), 0);
  t.is(h.publisher.published.filter((e) => e.topic === 'ReservationCancelled').length, 1);
  // The nights are free for someone else.
  t.is((await h.place(bob, stay)).status, 201);
});

test('paying after the hold ran out is refused with 409 reservation_expired, even before the sweep', async (t) => {
  const h = await reservationApi(t);
  const r = await h.placed(alice, stay);
  h.advance(HOLD);
  const paid = await h.api.post(`/reservations/${r.reservationId}/payment`, undefined, as(alice));
  t.is(paid.status, 409);
  t.is(bodyAs(ErrorBody, paid).error.code, 'reservation_expired');
  t.is(h.payments.approvals.length, 0);
  t.is(bodyAs(Reservation, await h.read(alice, r.reservationId)).status, 'expired');
  t.deepEqual(h.nights.holdersOf(oceanView.roomId), []);
});

test('a paid reservation keeps its nights when its hold time passes', async (t) => {
  const h = await reservationApi(t);
  const r = await h.placed(alice, stay);
  t.is((await h.api.post(`/reservations/${r.reservationId}/payment`, undefined, as(alice))).status, 200);
  h.advance(HOLD + 10_000);
  await h.expireHolds();
  t.is(bodyAs(Reservation, await h.read(alice, r.reservationId)).status, 'paid');
  t.deepEqual(h.nights.holdersOf(oceanView.roomId), [r.reservationId]);
});

test('a payment approved while the hold ran out is refunded and the payer told it expired', async (t) => {
  const h = await reservationApi(t);
  const r = await h.placed(alice, stay);
  let approve = () => {};
  h.payments.approvalGate = new Promise<void>((resolve) => {
    approve = resolve;
  });
  const paying = h.api.post(`/reservations/${r.reservationId}/payment`, undefined, as(alice));
  while (h.payments.approvals.length === 0) await new Promise((resolve) => setImmediate(resolve));
  h.advance(HOLD + 5_001);
  await h.expireHolds();
  approve();
  const answer = await paying;
  t.is(answer.status, 409);
  t.is(bodyAs(ErrorBody, answer).error.code, 'reservation_expired');
  t.deepEqual(h.payments.log, [`approve ${r.reservationId}`, `refund ${r.reservationId}`]);
});

test('nights claimed by a placement cut short before its reservation was written are freed when its hold runs out', async (t) => {
  const h = await reservationApi(t);
  // The process "dies" between claiming the nights and writing the reservation: nothing undoes the claim.
  h.reservations.create = async () => {
    throw new Error('killed');
  };
  const release = h.nights.release.bind(h.nights);
  h.nights.release = async () => {
    throw new Error('killed');
  };
  t.is((await h.place(alice, stay)).status, 500);
  t.is(h.nights.holdersOf(oceanView.roomId).length, 1);
  h.nights.release = release;
  h.advance(HOLD + 5_001);
  t.is(await h.expireHolds(), 1);
  t.deepEqual(h.nights.holdersOf(oceanView.roomId), []);
});
