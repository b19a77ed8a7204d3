// What each producer builds is what every consumer's schema accepts.
import test from 'ava';
import { events } from '@roomstay/contracts';
import { paymentApproved, paymentRefunded } from '../../services/payment/src/application/events.ts';
import { approve, refund } from '../../services/payment/src/domain/payment.ts';
import { promotionRevoked, promotionSaved } from '../../services/promotion/src/application/events.ts';
import { decideGrant, revoke } from '../../services/promotion/src/domain/promotion.ts';
import { reservationCancelled, reservationPlaced } from '../../services/reservation/src/application/events.ts';
import { cancel, place } from '../../services/reservation/src/domain/reservation.ts';

const now = '2030-01-01T00:00:00.000Z';

test('every event a producer builds validates against the shared schema of its topic, keyed by reservationId', (t) => {
  const reservation = place(
    {
      reservationId: 'RSV-1',
      customerId: 'alice',
      customerName: 'alice',
      room: { roomId: 'ROOM-1', name: 'Ocean', price: 60_000 },
      stay: { checkIn: '2030-01-10', checkOut: '2030-01-12' },
    },
    now,
    900_000,
  );
  const payment = approve(
    { reservationId: 'RSV-1', customerId: 'alice', customerName: 'alice', paymentPrice: 120_000 },
    'PAY-1',
    now,
  );
  const decision = decideGrant({ ...payment, paymentStatus: 'Y' }, 'CPN-1', now);
  if (decision.kind !== 'grant') throw new Error('a paid payment is granted');
  const built = [
    reservationPlaced(reservation),
    reservationCancelled(cancel(reservation, 'plans changed', now)),
    paymentApproved(payment),
    paymentRefunded(refund(payment, now)),
    promotionSaved(decision.promotion, now),
    promotionRevoked(revoke(decision.promotion, now), now),
  ];
  for (const event of built) {
    const parsed = events[event.topic].safeParse(event.payload);
    t.true(parsed.success, `${event.topic}: ${parsed.success ? '' : JSON.stringify(parsed.error.issues)}`);
    t.is(
      (event.payload as { reservationId: string }).reservationId,
      'RSV-1',
      `${event.topic} carries the correlation key`,
    );
    t.regex(event.id, new RegExp(`\\.${event.topic}$`), `${event.topic} has a stable id`);
  }
  t.deepEqual(new Set(built.map((e) => e.topic)).size, 6);
});
