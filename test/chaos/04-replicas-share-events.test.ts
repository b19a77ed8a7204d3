// Two replicas of a consumer in one consumer group share the events, and each
// event is handled once across them.
import test from 'ava';
import { eventually, reservableRoom, users, noticesAll } from '../support/api.ts';
import { stack } from '../support/stack.ts';
import { reserveAndPay, stays } from './support/load.ts';
import { allGranted, metric } from './support/observe.ts';
import { figure } from './support/report.ts';

const ingress = (port: number) => metric(port, 'dapr_component_pubsub_ingress_count', { process_status: 'success' });

test('two replicas of roominfo and of notice each consume, and no event is handled twice', async (t) => {
  const bob = await users.bob();
  const roomId = await reservableRoom(30_000);
  await Promise.all([stack.startInstance('roominfo', 1), stack.startInstance('notice', 1)]);
  t.teardown(async () => {
    await Promise.all([stack.stopInstance('roominfo', 1), stack.stopInstance('notice', 1)]);
  });
  // Sidecar metrics ports: replica n is shifted by n * 1000 (tools/stack/apps.ts).
  const ports = { roominfo: [9106, 10106], notice: [9107, 10107] } as const;
  await new Promise((resolve) => setTimeout(resolve, 5000)); // consumer group rebalance
  const before = await Promise.all([...ports.roominfo, ...ports.notice].map(ingress));

  const result = await reserveAndPay({
    token: bob,
    roomId,
    stays: stays(2401),
    flowsPerConnection: 3,
    connections: 20,
  });
  t.is(result.paid.size, 60);
  const page = await allGranted(bob, result.reserved, 90_000);
  const ids = new Set(result.reserved);
  const points = page.reservations
    .filter((r) => ids.has(r.reservationId) && r.promotionStatus === 'granted')
    .reduce((s, r) => s + (r.point ?? 0), 0);
  t.is(points, 60 * 3_000, 'every promotion counted once');

  const notices = await eventually(async () => {
    const list = await noticesAll(bob);
    const mine = list.body.notices.filter((n) => ids.has(n.reservationId));
    return mine.length >= 180 ? mine : undefined;
  }, 60_000);
  const duplicates = notices.length - new Set(notices.map((n) => n.noticeId)).size;
  t.is(duplicates, 0, 'no notice told twice');
  t.is(notices.length, 180, 'three notices per reservation');

  const after = await Promise.all([...ports.roominfo, ...ports.notice].map(ingress));
  const consumed = after.map((value, i) => value - (before[i] ?? 0));
  for (const [i, name] of ['roominfo', 'roominfo#1', 'notice', 'notice#1'].entries()) {
    t.true((consumed[i] ?? 0) > 0, `${name} consumed events`);
  }
  await figure(
    t,
    4,
    'two replicas of roominfo and of notice',
    `events delivered per replica: roominfo ${consumed[0]} + ${consumed[1]}, notice ${consumed[2]} + ${consumed[3]}; 0 duplicate notices (${notices.length} for 60 reservations), 0 duplicate points (${points})`,
    { consumed, duplicates, points },
  );
});
