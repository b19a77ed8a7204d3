// What a user found lost (issue 18): a room registered, two nights reserved and
// paid, then Ctrl-C and `npm start` again. Everything is still there: the
// reservation (completed), its nights (booking them again is refused), the
// room in reservation's catalogue, and the customer's my page.
import test from 'ava';
import { call, eventually, myPageAll, registerRoom, users } from '../support/api.ts';
import { npmStart, npmStartReady, untilPrinted } from './support/processes.ts';

test('a paid reservation, its nights and its room are all there after Ctrl-C and npm start', async (t) => {
  let start = npmStart();
  await untilPrinted(t, start, npmStartReady, 150_000);
  const bob = await users.bob();
  const { roomId } = await registerRoom(100_000, 'Sea view');
  const stay = { roomId, checkIn: '2033-03-01', nights: 2 };
  const placed = await eventually(async () => {
    const answer = await call<{ reservationId: string }>('POST', '/reservations', { token: bob, body: stay });
    return answer.status === 201 ? answer.body : undefined;
  });
  const paid = await call('POST', `/reservations/${placed.reservationId}/payment`, { token: bob });
  t.is(paid.status, 200);
  await eventually(async () => {
    const read = await call<{ status: string }>('GET', `/reservations/${placed.reservationId}`, { token: bob });
    return read.body.status === 'completed' ? true : undefined;
  });

  start.interrupt();
  t.is(await start.exited, 0);
  start = npmStart();
  await untilPrinted(t, start, npmStartReady, 150_000);
  t.teardown(async () => {
    start.interrupt();
    await start.exited;
  });

  const read = await call<{ status: string }>('GET', `/reservations/${placed.reservationId}`, { token: bob });
  t.is(read.status, 200, 'the reservation is there');
  t.is(read.body.status, 'completed');
  const again = await call<{ error: { code: string } }>('POST', '/reservations', { token: bob, body: stay });
  t.is(again.status, 409, 'its nights are still taken');
  t.is(again.body.error.code, 'room_unavailable', 'the room is still in reservation’s catalogue');
  const page = await myPageAll(bob);
  t.true(
    page.body.reservations.some((line) => line.reservationId === placed.reservationId && line.paymentStatus === 'Y'),
    'it is on my page',
  );
});
