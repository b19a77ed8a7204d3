// The broker stopped, a burst of writes accepted (rooms, reservations,
// payments, cancellations), then every app and sidecar SIGKILLed: when the
// broker and the apps are back, every event those writes owed reaches Kafka
// within 30 s, once per event id, through the outbox relays alone (nobody
// retries a request), and my page matches.
import test from 'ava';
import type { Reservation } from '@roomstay/contracts';
import { call, eventually, myPageAll, reservableRoom, registerRoom, users } from '../support/api.ts';
import { eventOf, readAll } from '../support/kafka.ts';
import { stack } from '../support/stack.ts';
import { stays } from './support/load.ts';
import { figure, reportFailures } from './support/report.ts';

reportFailures(10, 'broker stopped, writes accepted, every app killed');

const PAID = 16;
const CANCELLED = 4;
const OWED_WITHIN_MS = 30_000;

test('events owed when every app was killed with the broker down reach Kafka within 30 s of the restart, once each', async (t) => {
  const alice = await users.alice();
  const roomId = await reservableRoom(100_000);
  const dates = stays(3001);

  await stack.signal('kafka', 'SIGTERM', true);

  // Writes accepted while the broker is down.
  const rooms = [await registerRoom(90_000, 'Owed room A'), await registerRoom(90_000, 'Owed room B')];
  const ids: string[] = [];
  /** Reservations whose payment was answered "promotion later" (promotion slow under this load). */
  const pending = new Set<string>();
  for (let i = 0; i < PAID + CANCELLED; i++) {
    const placed = await call<Reservation>('POST', '/reservations', {
      token: alice,
      body: { roomId, ...dates.next() },
    });
    t.is(placed.status, 201, JSON.stringify(placed.body));
    const paid = await call<{ promotion: { status: string } }>(
      'POST',
      `/reservations/${placed.body.reservationId}/payment`,
      { token: alice },
    );
    t.is(paid.status, 200, JSON.stringify(paid.body));
    if (paid.body.promotion.status === 'pending') pending.add(placed.body.reservationId);
    ids.push(placed.body.reservationId);
  }
  const cancelled = ids.slice(0, CANCELLED);
  for (const id of cancelled) {
    t.is((await call('POST', `/reservations/${id}/cancel`, { token: alice })).status, 200);
  }

  // A crash of everything: no app gets to publish what it owes.
  const processes = (await stack.processes()).filter((p) => /^(app|daprd)-/.test(p.name) && p.running);
  await Promise.all(processes.map((p) => stack.signal(p.name, 'SIGKILL', true)));

  await stack.restart('kafka');
  await Promise.all(processes.filter((p) => p.name.startsWith('app-')).map((p) => stack.restart(p.name)));
  await Promise.all(processes.filter((p) => p.name.startsWith('daprd-')).map((p) => stack.restart(p.name)));
  const restarted = Date.now();

  const topics = [
    'RoomRegistered',
    'ReservationPlaced',
    'PaymentApproved',
    'PromotionSaved',
    'ReservationCancelled',
    'PaymentRefunded',
    'PromotionRevoked',
  ];
  // A cancelled reservation whose promotion was still pending may never earn one: promotion can
  // see the refund before the payment and keeps a revoked record, publishing neither event.
  const optional = (id: string) =>
    cancelled.includes(id) && pending.has(id) ? ['PromotionSaved', 'PromotionRevoked'] : [];
  const expected = (id: string) =>
    (cancelled.includes(id) ? topics.slice(1) : ['ReservationPlaced', 'PaymentApproved', 'PromotionSaved']).filter(
      (topic) => !optional(id).includes(topic),
    );
  const roomIds = new Set(rooms.map((r) => r.roomId));
  const ours = (data: { reservationId?: string; roomId?: string }) =>
    data.reservationId ? ids.includes(data.reservationId) : roomIds.has(data.roomId ?? '');
  const records = await eventually(
    async () => {
      const found = (await readAll(topics)).filter((r) => ours(eventOf(r).data as { roomId?: string }));
      const has = (topic: string, field: string, value: string) =>
        found.some((r) => r.topic === topic && eventOf(r).data[field] === value);
      const missing = [
        ...ids.flatMap((id) =>
          expected(id)
            .filter((topic) => !has(topic, 'reservationId', id))
            .map((tp) => `${tp} ${id}`),
        ),
        ...[...roomIds]
          .filter((room) => !has('RoomRegistered', 'roomId', room))
          .map((room) => `RoomRegistered ${room}`),
      ];
      if (missing.length)
        throw new Error(`${missing.length} owed events not on Kafka yet, e.g. ${missing.slice(0, 4).join(', ')}`);
      return found;
    },
    120_000,
    1_000,
  );
  const allThereIn = Date.now() - restarted;
  t.true(allThereIn <= OWED_WITHIN_MS, `every owed event on Kafka ${allThereIn} ms after the restart`);

  const eventIds = records.map((r) => eventOf(r).id);
  const twice = eventIds.filter((id, i) => eventIds.indexOf(id) !== i);
  t.deepEqual(twice, [], 'each event id once on Kafka');
  const promotionsOfPending = records.filter((r) =>
    optional(eventOf(r).data.reservationId ?? '').includes(r.topic),
  ).length;
  const expectedCount = ids.reduce((n, id) => n + expected(id).length, 0) + roomIds.size + promotionsOfPending;
  t.is(new Set(eventIds).size, expectedCount);

  const page = await eventually(async () => {
    const current = await myPageAll(alice);
    const lines = current.body.reservations.filter((r) => ids.includes(r.reservationId));
    const right = lines.filter((l) =>
      cancelled.includes(l.reservationId)
        ? l.reservationStatus === 'cancelled' &&
          l.paymentStatus === 'REFUNDED' &&
          (l.promotionStatus === 'revoked' || (pending.has(l.reservationId) && l.promotionStatus !== 'granted'))
        : l.reservationStatus === 'reserved' && l.paymentStatus === 'Y' && l.promotionStatus === 'granted',
    );
    return right.length === ids.length ? lines : undefined;
  }, 60_000);
  t.is(page.length, ids.length);

  await figure(
    t,
    10,
    'broker stopped, writes accepted, every app killed',
    `${ids.length} reservations paid (${cancelled.length} then cancelled) and ${roomIds.size} rooms registered with the broker down, then every app and sidecar SIGKILLed; ${expectedCount} owed events all on Kafka ${(allThereIn / 1000).toFixed(1)} s after the restart, each id once; my page matches`,
    { reservations: ids.length, cancelled: cancelled.length, events: expectedCount, allThereMs: allThereIn },
  );
});
