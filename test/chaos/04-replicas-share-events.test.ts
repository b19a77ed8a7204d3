// Two replicas of a consumer in one consumer group share the events, and each
// event is handled once across them.
import test from 'ava';
import { reservationTopics } from '@roomstay/contracts';
import { eventually, reservableRoom, users, noticesAll } from '../support/api.ts';
import { recordCount } from '../support/kafka.ts';
import { stack } from '../support/stack.ts';
import { reserveAndPay, stays, noLostRequests } from './support/load.ts';
import { allGranted, metric } from './support/observe.ts';
import { figure, reportFailures } from './support/report.ts';

reportFailures(4, 'two replicas of roominfo and of notice');

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
  // Every sidecar answers its metrics (a replica's sidecar can be slower to start than its app), then the
  // consumer group rebalances.
  await eventually(() => Promise.all([...ports.roominfo, ...ports.notice].map(ingress)), 60_000);
  await new Promise((resolve) => setTimeout(resolve, 5000));
  const before = await Promise.all([...ports.roominfo, ...ports.notice].map(ingress));
  const publishedBefore = await recordCount(reservationTopics);

  const result = await reserveAndPay({
    token: bob,
    roomId,
    stays: stays(2401),
    flowsPerConnection: 3,
    connections: 20,
  });
  noLostRequests(t, result);
  t.is(result.paid.size, 60);
  const page = await allGranted(bob, result.reserved, 90_000);
  const ids = new Set(result.reserved);
  const points = page.reservations
    .filter((r) => ids.has(r.reservationId) && r.promotionStatus === 'granted')
    .reduce((s, r) => s + (r.point ?? 0), 0);
  t.is(points, 60 * 3_000, 'every promotion counted once');

  const notices = await eventually(async () => {
    const list = await noticesAll(bob);
    if (list.status !== 200) throw new Error(`GET /notices answered ${list.status} ${JSON.stringify(list.body)}`);
    const mine = list.body.notices.filter((n) => ids.has(n.reservationId));
    if (mine.length < 180) throw new Error(`${mine.length} of 180 notices so far`);
    return mine;
  }, 120_000);
  // A notice is about one thing that happened to one reservation: a second one
  // of the same kind for the same reservation is an event handled twice.
  const told = new Set(notices.map((n) => `${n.reservationId} ${n.kind}`));
  const duplicates = notices.length - told.size;
  t.is(duplicates, 0, 'no notice told twice');
  t.is(told.size, 180, 'three notices per reservation');

  // Every event published meanwhile was handled by exactly one replica of each app.
  const published = (await recordCount(reservationTopics)) - publishedBefore;
  const consumed = await eventually(async () => {
    const after = await Promise.all([...ports.roominfo, ...ports.notice].map(ingress));
    const counts = after.map((value, i) => value - (before[i] ?? 0));
    const [r0 = 0, r1 = 0, n0 = 0, n1 = 0] = counts;
    return r0 + r1 >= published && n0 + n1 >= published ? counts : undefined;
  }, 30_000);
  for (const [i, name] of ['roominfo', 'roominfo#1', 'notice', 'notice#1'].entries()) {
    t.true((consumed[i] ?? 0) > 0, `${name} consumed events`);
  }
  const [r0 = 0, r1 = 0, n0 = 0, n1 = 0] = consumed;
  t.is(r0 + r1, published, `roominfo's replicas handled each of the ${published} events once between them`);
  t.is(n0 + n1, published, `notice's replicas handled each of the ${published} events once between them`);
  await figure(
    t,
    4,
    'two replicas of roominfo and of notice',
    `${published} events; handled per replica: roominfo ${r0} + ${r1}, notice ${n0} + ${n1} (each event once between the replicas); 0 duplicate notices (${notices.length} for 60 reservations, one per kind), points ${points}`,
    { published, consumed, duplicates, points },
  );
});
