// The broker killed and restarted under load: clients may be told to come back
// later, but no event is lost end to end.
import test from 'ava';
import { reservableRoom, users } from '../support/api.ts';
import { readAll } from '../support/kafka.ts';
import { stack } from '../support/stack.ts';
import { availability, payUntilPaid, reserveAndPay, statusCounts, stays, noLostRequests } from './support/load.ts';
import { allGranted } from './support/observe.ts';
import { figure, reportFailures } from './support/report.ts';

reportFailures(6, 'Kafka broker killed and restarted under load');

test('killing and restarting the Kafka broker under load loses no event end to end', async (t) => {
  const alice = await users.alice();
  const roomId = await reservableRoom(60_000);
  const load = reserveAndPay({ token: alice, roomId, stays: stays(2601), connections: 10, seconds: 15 });
  await new Promise((resolve) => setTimeout(resolve, 3000));
  await stack.signal('kafka', 'SIGKILL', true);
  const killed = Date.now();
  await new Promise((resolve) => setTimeout(resolve, 3000));
  await stack.restart('kafka');
  const downSeconds = (Date.now() - killed) / 1000;
  const result = await load;
  noLostRequests(t, result);
  t.log(JSON.stringify(statusCounts(result.answers)));
  const during = availability(result.answers, (a) => (a.kind === 'reserve' ? a.status === 201 : a.status === 200));

  // Clients whose payment was refused come back, as told by Retry-After.
  const unpaid = result.reserved.filter((id) => !result.paid.has(id));
  await payUntilPaid(alice, unpaid, 90_000);
  await allGranted(alice, result.reserved, 120_000);

  const ids = new Set(result.reserved);
  const records = await readAll(['ReservationPlaced', 'PaymentApproved', 'PromotionSaved']);
  const seen = new Map<string, Set<string>>();
  for (const r of records) {
    const value = r.value as { type?: string; data?: { reservationId?: string } };
    const id = value.data?.reservationId ?? '';
    if (!ids.has(id)) continue;
    const kinds = seen.get(id) ?? new Set<string>();
    kinds.add(value.type ?? '');
    seen.set(id, kinds);
  }
  const lost = result.reserved.filter((id) => (seen.get(id)?.size ?? 0) !== 3).length;
  t.is(lost, 0, 'every reservation has its ReservationPlaced, PaymentApproved and PromotionSaved on Kafka');
  await figure(
    t,
    6,
    'Kafka broker killed and restarted under load',
    `broker down ${downSeconds.toFixed(1)} s; availability during the run ${during.toFixed(1)}% (${unpaid.length} reservations unpaid when the load stopped or refused, paid afterwards as a client retrying after Retry-After would); ${result.reserved.length} reservations, ${result.reserved.length * 3} events expected, 0 lost end to end (all on my page)`,
    { downSeconds, availability: during, retried: unpaid.length, reservations: result.reserved.length, lost },
  );
});
