import test from 'ava';
import { Reservation } from '@roomstay/contracts';
import { bodyAs } from '../../../packages/platform/test/support/http.ts';
import { alice, as, oceanView, reservationApi } from './support/app.ts';

test('a payment approved while the reservation was being cancelled is refunded', async (t) => {
  const { placed, api, payments, read } = await reservationApi(t);
  const r = await placed(alice, { roomId: oceanView.roomId, checkIn: '2030-03-01', nights: 2 });
  let approve = () => {};
  payments.approvalGate = new Promise<void>((resolve) => {
    approve = resolve;
  });
  const paying = api.post(`/reservations/${r.reservationId}/payment`, undefined, as(alice));
  while (payments.approvals.length === 0) await new Promise((resolve) => setImmediate(resolve));
  const cancel = await api.post(`/reservations/${r.reservationId}/cancel`, undefined, as(alice));
  t.is(cancel.status, 200);
  approve();
  await paying;
  t.is(bodyAs(Reservation, await read(alice, r.reservationId)).status, 'cancelled');
  // whatever pay answered, the money taken last must have been given back
  t.deepEqual(payments.log, [`refund ${r.reservationId}`, `approve ${r.reservationId}`, `refund ${r.reservationId}`]);
});
