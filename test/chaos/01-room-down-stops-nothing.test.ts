// Room management down never stops reservations, payments or promotions; once
// back, its availability view catches up with every reservation.
import test from 'ava';
import { eventually, reservableRoom, roomAvailable, users } from '../support/api.ts';
import { stack } from '../support/stack.ts';
import { availability, reserveAndPay, statusCounts, stays, noLostRequests } from './support/load.ts';
import { allGranted } from './support/observe.ts';
import { figure, reportFailures } from './support/report.ts';

reportFailures(1, 'room app and sidecar killed under load');

test('with the room app and its sidecar killed under load, every reservation, payment and promotion succeeds', async (t) => {
  const alice = await users.alice();
  const roomId = await reservableRoom(80_000);
  const load = reserveAndPay({ token: alice, roomId, stays: stays(2101), flowsPerConnection: 8, connections: 20 });
  await new Promise((resolve) => setTimeout(resolve, 300));
  await stack.signal('app-room', 'SIGKILL', true);
  await stack.signal('daprd-room', 'SIGKILL', true);
  const result = await load;
  noLostRequests(t, result);
  const down = Date.now();
  await stack.restart('app-room');
  await stack.restart('daprd-room');
  const restartedIn = (Date.now() - down) / 1000;

  const ok = availability(result.answers, (a) => (a.kind === 'reserve' ? a.status === 201 : a.status === 200));
  t.is(ok, 100, `every request succeeded while room was down: ${JSON.stringify(statusCounts(result.answers))}`);
  t.is(result.reserved.length, 20 * 8, 'every flow placed its reservation');
  t.is(result.paid.size, result.reserved.length, 'every reservation was paid');
  const grantedAtOnce = [...result.paid.values()].filter((p) => p.promotion.status === 'granted').length;
  await allGranted(alice, result.reserved);

  const caughtUp = Date.now();
  // Caught up when the public room view shows every reserved night taken.
  const nights = result.answers
    .filter((a) => a.kind === 'reserve' && a.status === 201)
    .map((a) => (JSON.parse(a.body) as { checkIn: string }).checkIn);
  t.is(nights.length, result.reserved.length);
  await eventually(
    async () => {
      for (const checkIn of nights) if (await roomAvailable(roomId, { checkIn, nights: 1 })) return undefined;
      return true;
    },
    60_000,
    500,
  );
  const catchUpSeconds = (Date.now() - caughtUp + restartedIn * 1000) / 1000;
  await figure(
    t,
    1,
    'room app and sidecar killed under load',
    `availability ${ok.toFixed(1)}% of ${result.answers.length} requests; ${result.reserved.length} reservations, ${result.paid.size} payments, ${grantedAtOnce} promotions granted at once, all granted on my page; room view matched all ${result.reserved.length} reservations ${catchUpSeconds.toFixed(1)} s after restart`,
    {
      availability: ok,
      requests: result.answers.length,
      reservations: result.reserved.length,
      payments: result.paid.size,
      catchUpSeconds,
    },
  );
});
