// promotion killed with SIGKILL in the middle of writes, twenty times: its
// sql.js store (snapshot and journal) always opens, and promotions and
// PromotionSaved match one to one.
import test from 'ava';
import { reservableRoom, users } from '../support/api.ts';
import { eventOf, readAll } from '../support/kafka.ts';
import { stack } from '../support/stack.ts';
import { reserveAndPay, stays, noLostRequests } from './support/load.ts';
import { allGranted, promotionFile } from './support/observe.ts';
import { figure, reportFailures } from './support/report.ts';

reportFailures(7, 'promotion SIGKILLed mid-write 20 times');

test('twenty SIGKILLs of promotion mid-write never corrupt its file nor lose or invent a PromotionSaved', async (t) => {
  const bob = await users.bob();
  const roomId = await reservableRoom(110_000);
  const load = reserveAndPay({ token: bob, roomId, stays: stays(2701), connections: 6, seconds: 40 });
  let opened = 0;
  for (let kill = 0; kill < 20; kill++) {
    await new Promise((resolve) => setTimeout(resolve, 300 + Math.random() * 700));
    await stack.signal('app-promotion', 'SIGKILL', true);
    await promotionFile(); // throws if the snapshot and journal do not open or do not hold together
    opened++;
    await stack.restart('app-promotion');
  }
  const result = await load;
  noLostRequests(t, result);
  await allGranted(bob, [...result.paid.keys()], 120_000);

  const ids = new Set(result.paid.keys());
  const file = await promotionFile();
  const grants = file.grants.filter((g) => ids.has(g.reservationId));
  const events = (await readAll(['PromotionSaved'])).filter((r) =>
    ids.has((r.value as { data?: { reservationId?: string } }).data?.reservationId ?? ''),
  );
  const eventPayments = new Set(events.map((r) => (r.value as { data: { paymentId: string } }).data.paymentId));
  const grantPayments = new Set(grants.map((g) => g.paymentId));
  t.is(grants.length, ids.size, 'one promotion per paid reservation');
  t.is(grantPayments.size, ids.size, 'one promotion per payment');
  // Stored promotions and PromotionSaved events match one to one, coupon and points included.
  const asText = (g: { paymentId: unknown; couponId: unknown; point: unknown }) =>
    `${String(g.paymentId)} ${String(g.couponId)} ${String(g.point)}`;
  const told = new Set(
    events.map((r) => asText(eventOf(r).data as { paymentId: string; couponId: string; point: number })),
  );
  t.deepEqual(
    [...told].sort(),
    grants.map(asText).sort(),
    'PromotionSaved events and stored promotions match one to one',
  );
  // Every coupon a payer was told of ("granted") is stored: nothing acknowledged was lost to a kill.
  const stored = new Set(grants.map((g) => g.couponId));
  const acknowledged = [...result.paid.values()].flatMap((p) => (p.promotion.couponId ? [p.promotion.couponId] : []));
  t.deepEqual(
    acknowledged.filter((c) => !stored.has(c)),
    [],
    'every acknowledged promotion survived the kills',
  );
  const repeats = events.length - new Set(events.map((r) => (r.value as { id: string }).id)).size;
  await figure(
    t,
    7,
    'promotion SIGKILLed mid-write 20 times',
    `file opened after ${opened}/20 kills; ${grants.length} promotions stored, ${eventPayments.size} distinct PromotionSaved, 0 lost, 0 invented (${repeats} re-deliveries of the same event id, de-duplicated by consumers)`,
    { kills: 20, promotions: grants.length, events: eventPayments.size, repeats },
  );
});
