// A consumer that was down catches up from Kafka: nothing missing, nothing twice.
import test from 'ava';
import { eventually, reservableRoom, users } from '../support/api.ts';
import { readAll } from '../support/kafka.ts';
import { stack } from '../support/stack.ts';
import { reserveAndPay, statusCounts, stays } from './support/load.ts';
import { myPage } from './support/observe.ts';
import { figure } from './support/report.ts';

test('roominfo down while 500+ events are published shows all of them once after restart', async (t) => {
  const bob = await users.bob();
  const roomId = await reservableRoom(50_000);
  await stack.signal('app-roominfo', 'SIGKILL', true);
  await stack.signal('daprd-roominfo', 'SIGKILL', true);
  const result = await reserveAndPay({
    token: bob,
    roomId,
    stays: stays(2301),
    flowsPerConnection: 9,
    connections: 20,
  });
  t.is(result.paid.size, 180, JSON.stringify(statusCounts(result.answers)));
  const ids = new Set(result.reserved);
  const published = (await readAll(['ReservationPlaced', 'PaymentApproved', 'PromotionSaved'])).filter((r) =>
    ids.has((r.value as { data?: { reservationId?: string } }).data?.reservationId ?? ''),
  );
  const events = new Set(published.map((r) => (r.value as { id: string }).id)).size;
  t.true(events >= 500, `${events} events were published while roominfo was down`);

  const restarted = Date.now();
  await stack.restart('app-roominfo');
  await stack.restart('daprd-roominfo');
  const page = await eventually(
    async () => {
      const current = await myPage(bob);
      const complete = current.reservations.filter(
        (r) =>
          ids.has(r.reservationId) &&
          r.reservationStatus === 'reserved' &&
          r.paymentStatus === 'Y' &&
          r.promotionStatus === 'granted',
      );
      return complete.length === ids.size ? current : undefined;
    },
    120_000,
    500,
  );
  const catchUp = (Date.now() - restarted) / 1000;
  const lines = page.reservations.filter((r) => ids.has(r.reservationId));
  const missing =
    result.reserved.length - lines.filter((l) => l.reservationStatus === 'reserved' && l.paymentStatus === 'Y').length;
  const expectedPoints = [...result.paid.values()].length * 5_000;
  const points = lines.reduce((sum, l) => sum + (l.promotionStatus === 'granted' ? (l.point ?? 0) : 0), 0);
  t.is(missing, 0);
  t.is(lines.length, result.reserved.length, 'one line per reservation');
  t.is(points, expectedPoints, 'no promotion counted twice');
  await figure(
    t,
    3,
    'roominfo down while events were published',
    `${events} events published while down; caught up ${catchUp.toFixed(1)} s after restart; ${lines.length}/${result.reserved.length} reservations on my page, 0 missing, 0 duplicated (points ${points} = ${expectedPoints})`,
    { events, catchUpSeconds: catchUp, missing, duplicated: points === expectedPoints ? 0 : 1 },
  );
});
