// A consumer that was down catches up from Kafka: nothing missing, nothing twice.
import test from 'ava';
import { eventually, reservableRoom, users } from '../support/api.ts';
import { eventOf, readAll } from '../support/kafka.ts';
import { stack } from '../support/stack.ts';
import { reserveAndPay, statusCounts, stays, noLostRequests } from './support/load.ts';
import { myPage } from './support/observe.ts';
import { figure, reportFailures } from './support/report.ts';

reportFailures(3, 'roominfo down while events were published');

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
  noLostRequests(t, result);
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
  t.is(lines.length, result.reserved.length, 'one line per reservation');
  // Each line says what the events said: the payment and the promotion, field by field.
  const said = new Map<string, Record<string, unknown>>();
  for (const r of published) {
    const data = eventOf(r).data;
    const id = data.reservationId ?? '';
    said.set(id, { ...said.get(id), ...data });
  }
  const wrong = lines.filter((line) => {
    const events = said.get(line.reservationId) ?? {};
    return (
      line.paymentId !== events['paymentId'] ||
      line.paymentPrice !== events['paymentPrice'] ||
      line.couponId !== events['couponId'] ||
      line.point !== events['point'] ||
      line.price !== events['price']
    );
  });
  t.deepEqual(
    wrong.map((l) => l.reservationId),
    [],
    'every line matches its events',
  );
  const points = lines.reduce((sum, l) => sum + (l.point ?? 0), 0);
  await figure(
    t,
    3,
    'roominfo down while events were published',
    `${events} events published while down; caught up ${catchUp.toFixed(1)} s after restart; ${lines.length}/${result.reserved.length} reservations on my page, 0 missing, every line equal to its events (payment, coupon, ${points} points in all)`,
    { events, catchUpSeconds: catchUp, lines: lines.length, wrong: wrong.length },
  );
});
