import test from 'ava';
import { errorOf } from '../../../packages/platform/test/support/http.ts';
import { alice, as, oceanView, reservationApi } from './support/app.ts';

const stay = { roomId: oceanView.roomId, checkIn: '2030-03-01', nights: 2 };

test('a payment refused by payment answers 409 naming the reservation', async (t) => {
  const h = await reservationApi(t);
  const r = await h.placed(alice, stay);
  h.payments.approveAs = 'refused';
  const reply = await h.api.post(`/reservations/${r.reservationId}/payment`, undefined, as(alice));
  t.deepEqual(errorOf(reply), {
    code: 'reservation_not_payable',
    message: `payment refused reservation ${r.reservationId}`,
  });
});

test('an Idempotency-Key used for another request is refused saying so', async (t) => {
  const h = await reservationApi(t);
  const first = await h.placed(alice, stay);
  const second = await h.placed(alice, { ...stay, checkIn: '2030-04-01' });
  const key = { ...as(alice), 'idempotency-key': 'k-1' };
  await h.api.post(`/reservations/${first.reservationId}/payment`, undefined, key);
  const misuse = await h.api.post(`/reservations/${second.reservationId}/payment`, undefined, key);
  t.deepEqual(errorOf(misuse), {
    code: 'idempotency_key_reused',
    message: 'this Idempotency-Key was used for another request',
  });
});
