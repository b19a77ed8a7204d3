import test from 'ava';
import type { MyPageReservation } from '@roomstay/contracts';
import { emptyLine, fold, patchFor, type Line } from '../src/application/view.ts';
import { lifeOf, permutations, type AnyEvent } from './support/events.ts';

function foldAll(events: readonly AnyEvent[]): Line {
  let line = emptyLine('RSV-1');
  for (const event of events) {
    const change = patchFor(event.topic, event.payload);
    if (!change) throw new Error(`${event.topic} makes no patch`);
    line = fold(line, change.patch);
  }
  return line;
}

const life = lifeOf('RSV-1', { price: 120_000 });

const cancelledAndRefunded: MyPageReservation = {
  reservationId: 'RSV-1',
  roomId: 'R-OCEAN',
  checkIn: '2030-03-01',
  checkOut: '2030-03-03',
  price: 120_000,
  reservationStatus: 'cancelled',
  paymentId: 'PAY-RSV-1',
  paymentStatus: 'REFUNDED',
  paymentPrice: 120_000,
  promotionStatus: 'revoked',
  couponId: 'CPN-RSV-1',
  service: 'DISCOUNT COUPON',
  point: 12_000,
};

test('the six events of a cancelled stay fold to the same line in all 720 orders', (t) => {
  const orders = permutations(life.all);
  t.is(orders.length, 720);
  const different = orders.filter(
    (order) => JSON.stringify(sortKeys(foldAll(order))) !== JSON.stringify(sortKeys(cancelledAndRefunded)),
  );
  t.deepEqual(
    different.map((order) => order.map((event) => event.topic).join(' > ')),
    [],
    'orders whose line differs',
  );
  t.deepEqual(foldAll(life.all), cancelledAndRefunded);
});

test('a paid stay folds to granted whether PaymentApproved comes before or after PromotionSaved', (t) => {
  for (const order of permutations([life.placed, life.approved, life.saved])) {
    t.like(foldAll(order), {
      reservationStatus: 'reserved',
      paymentStatus: 'Y',
      promotionStatus: 'granted',
      point: 12_000,
    });
  }
});

test('applying any event twice changes nothing, whatever came before it', (t) => {
  for (const order of permutations(life.all)) {
    let line = emptyLine('RSV-1');
    for (const event of order) {
      const patch = patchFor(event.topic, event.payload)?.patch;
      if (!patch) return t.fail();
      line = fold(line, patch);
      t.deepEqual(fold(line, patch), line);
    }
  }
});

test('replaying the whole history changes nothing', (t) => {
  const once = foldAll(life.all);
  t.deepEqual(foldAll([...life.all, ...life.all]), once);
  t.deepEqual(foldAll([...life.all, ...[...life.all].reverse()]), once);
});

test('every event is on the page of the customer it names', (t) => {
  for (const event of lifeOf('RSV-9', { customerId: 'bob' }).all) {
    t.is(patchFor(event.topic, event.payload)?.customerId, 'bob', event.topic);
  }
});

test('RoomRegistered makes no line', (t) => {
  t.is(patchFor('RoomRegistered', { roomId: 'R1', name: 'Ocean', price: 10 }), undefined);
});

function sortKeys(line: Line): Record<string, unknown> {
  return Object.fromEntries(Object.entries(line).sort(([a], [b]) => a.localeCompare(b)));
}
