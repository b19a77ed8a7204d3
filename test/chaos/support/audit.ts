// What "nothing committed was lost" means after a store (or the whole stack)
// restarted under the paid-flow load, checked from outside as a customer and
// an auditor of the broker would:
// - every reservation answered 201 is readable, paid (clients whose payment
//   was refused came back, as told by Retry-After) and still holds its night:
//   booking that night again is refused (no night sold twice);
// - every payment has its reservation, and paying again answers the same
//   payment (none lost, none made twice);
// - each owed event is on Kafka under one event id per reservation and kind
//   (none lost, none invented; a republish repeats the same id, which
//   consumers recognise);
// - room management shows each of those nights taken;
// - my page shows each reservation paid with the coupon and points its
//   PromotionSaved told, and that coupon is the one the payer was told of;
// - no request begun later than the circuit breakers' timeout after the store
//   was back was answered 5xx.
import { readFile } from 'node:fs/promises';
import type { ExecutionContext } from 'ava';
import { parse } from 'yaml';
import { call, eventually, roomAvailable } from '../../support/api.ts';
import { eventOf, readAll, type Offsets, type Record as KafkaRecord } from '../../support/kafka.ts';
import { payUntilPaid, type LoadResult, type PayBody } from './load.ts';
import { myPage } from './observe.ts';

/** When the fault began and when what was restarted answered again, ms since the epoch. */
export interface Outage {
  from: number;
  backAt: number;
}

export interface AuditFigures {
  reservations: number;
  /** Paid after the load by a client coming back (refused, or placed as the load ended). */
  retried: number;
  /** Answers 5xx during the load, and the span from the first request among them to the last, ms. */
  serverErrors: number;
  serverErrorSpanMs: number;
  /** Events published again under the same id (an outbox cleared after a failed write). */
  repeats: number;
}

/** The longest a sidecar's circuit stays open before it tries again (dapr/resiliency.yaml), ms. */
async function breakerTimeoutMs(): Promise<number> {
  const text = await readFile(new URL('../../../dapr/resiliency.yaml', import.meta.url), 'utf8');
  const doc = parse(text) as { spec: { policies: { circuitBreakers: Record<string, { timeout: string }> } } };
  const seconds = Object.values(doc.spec.policies.circuitBreakers).map((b) => {
    const match = /^(\d+(?:\.\d+)?)(ms|s)$/.exec(b.timeout);
    if (!match) throw new Error(`resiliency.yaml: a breaker timeout "${b.timeout}" this audit cannot read`);
    return Number(match[1]) * (match[2] === 'ms' ? 1 : 1000);
  });
  return Math.max(...seconds);
}

/** Runs `check` on every item, `width` at a time; answers the items it refused with its reason. */
async function everyOf<T>(items: readonly T[], check: (item: T) => Promise<string | undefined>, width = 16) {
  const refused: string[] = [];
  for (let i = 0; i < items.length; i += width) {
    const reasons = await Promise.all(items.slice(i, i + width).map(check));
    refused.push(...reasons.filter((r): r is string => r !== undefined));
  }
  return refused;
}

/** The events one paid flow owes. */
export const kinds = ['ReservationPlaced', 'PaymentApproved', 'PromotionSaved'] as const;

/** Stops the audit at the first claim that failed: what follows would only wait on what is already wrong. */
function must(held: boolean): void {
  if (!held) throw new Error('the audit stopped at the first claim that did not hold (above)');
}

export async function auditAfterRestart(
  t: ExecutionContext,
  options: {
    token: string;
    roomId: string;
    result: LoadResult;
    outage: Outage;
    /** Where the event topics ended before the load: its events are after. */
    eventsSince: Offsets;
  },
): Promise<AuditFigures> {
  const { token, roomId, result, outage } = options;
  const ids = result.reserved;
  must(t.true(ids.length > 0, 'the load placed reservations'));

  // Clients whose payment was refused come back until it goes through.
  const unpaid = ids.filter((id) => !result.paid.has(id));
  const paid = new Map<string, PayBody>([...result.paid, ...(await payUntilPaid(token, unpaid, 120_000))]);

  const reservationOf = new Map<string, { checkIn: string; status: string }>();
  const unreadable = await everyOf(ids, async (id) => {
    const answer = await call<{ checkIn: string; status: string }>('GET', `/reservations/${id}`, { token });
    if (answer.status !== 200) return `${id}: ${answer.status}`;
    reservationOf.set(id, answer.body);
    return ['paid', 'completed'].includes(answer.body.status) ? undefined : `${id}: ${answer.body.status}`;
  });
  must(t.deepEqual(unreadable, [], 'every reservation answered 201 is readable and paid'));

  const soldTwice = await everyOf(ids, async (id) => {
    const checkIn = reservationOf.get(id)?.checkIn;
    if (!checkIn) return undefined;
    const again = await call<{ reservationId?: string }>('POST', '/reservations', {
      token,
      body: { roomId, checkIn, nights: 1 },
    });
    if (again.status === 409) return undefined;
    if (again.status === 201 && again.body.reservationId)
      await call('POST', `/reservations/${again.body.reservationId}/cancel`, { token, body: { reason: 'audit' } });
    return `${checkIn}: ${again.status}`;
  });
  must(t.deepEqual(soldTwice, [], 'no night of a reservation answered 201 can be booked again'));

  // Room management's own store tells the same: each of those nights is taken (its events are applied once).
  await eventually(
    async () => {
      const shownFree = await everyOf(ids, async (id) => {
        const checkIn = reservationOf.get(id)?.checkIn;
        return checkIn && (await roomAvailable(roomId, { checkIn, nights: 1 })) ? checkIn : undefined;
      });
      if (shownFree.length) throw new Error(`room shows ${shownFree.length} booked nights free, e.g. ${shownFree[0]}`);
      return true;
    },
    60_000,
    1_000,
  );

  const changedPayment = await everyOf([...paid.keys()], async (id) => {
    const again = await call<PayBody>('POST', `/reservations/${id}/payment`, { token });
    const first = paid.get(id)?.payment.paymentId;
    return again.status === 200 && again.body.payment.paymentId === first
      ? undefined
      : `${id}: ${again.status} ${again.status === 200 ? again.body.payment.paymentId : ''} (was ${first})`;
  });
  must(t.deepEqual(changedPayment, [], 'paying again answers the payment first made'));

  const ours = new Set(ids);
  const records = await eventually(
    async () => {
      const found = (await readAll([...kinds], options.eventsSince)).filter((r) =>
        ours.has(eventOf(r).data.reservationId ?? ''),
      );
      const missing = ids.flatMap((id) =>
        kinds.filter((kind) => !found.some((r) => r.topic === kind && eventOf(r).data.reservationId === id)),
      );
      if (missing.length) throw new Error(`${missing.length} events not on Kafka yet, e.g. ${missing.slice(0, 3)}`);
      return found;
    },
    120_000,
    1_000,
  );
  const idsPer = new Map<string, Set<string>>();
  for (const r of records) {
    const key = `${r.topic} ${eventOf(r).data.reservationId}`;
    idsPer.set(key, (idsPer.get(key) ?? new Set()).add(eventOf(r).id));
  }
  must(
    t.deepEqual(
      [...idsPer].filter(([, eventIds]) => eventIds.size !== 1).map(([key, eventIds]) => `${key}: ${eventIds.size}`),
      [],
      'one event id per reservation and kind on Kafka',
    ),
  );
  must(t.is(idsPer.size, ids.length * kinds.length, 'every owed event on Kafka'));
  const payments = paymentsOf(records);
  const strays = [...payments.keys()].filter((id) => !reservationOf.has(id));
  must(t.deepEqual(strays, [], 'every payment has its reservation'));

  const promotions = promotionsOf(records);
  const toldOtherwise = [...paid].filter(
    ([id, body]) => body.promotion.couponId !== undefined && body.promotion.couponId !== promotions.get(id)?.couponId,
  );
  must(
    t.deepEqual(
      toldOtherwise.map(([id]) => id),
      [],
      'every coupon a payer was told of is the one PromotionSaved granted',
    ),
  );
  const page = await eventually(
    async () => {
      const lines = (await myPage(token)).reservations.filter((l) => ours.has(l.reservationId));
      const wrong = ids.filter((id) => {
        const line = lines.find((l) => l.reservationId === id);
        const promotion = promotions.get(id);
        return !(
          line?.paymentStatus === 'Y' &&
          line.paymentId === payments.get(id) &&
          line.promotionStatus === 'granted' &&
          line.couponId === promotion?.couponId &&
          line.point === promotion?.point
        );
      });
      if (wrong.length) throw new Error(`${wrong.length} lines of my page differ from their events, e.g. ${wrong[0]}`);
      return lines;
    },
    60_000,
    1_000,
  );
  must(t.is(page.length, ids.length, 'my page matches the events'));

  const began = result.startedAt;
  const errors = result.answers.filter((a) => a.status >= 500);
  const startOf = (a: (typeof errors)[number]) => began + a.at - a.latencyMs;
  const allowed = outage.backAt + (await breakerTimeoutMs());
  const late = errors.filter((a) => startOf(a) < outage.from || startOf(a) > allowed);
  must(
    t.deepEqual(
      late.map(
        (a) => `${a.kind} ${a.status} begun ${((startOf(a) - outage.backAt) / 1000).toFixed(1)} s after the restart`,
      ),
      [],
      'no request begun outside the restart (and the breakers’ timeout after it) was answered 5xx',
    ),
  );
  const starts = errors.map(startOf);
  return {
    reservations: ids.length,
    retried: unpaid.length,
    serverErrors: errors.length,
    serverErrorSpanMs: starts.length ? Math.max(...starts) - Math.min(...starts) : 0,
    repeats: records.length - new Set(records.map((r) => eventOf(r).id)).size,
  };
}

function paymentsOf(records: readonly KafkaRecord[]): Map<string, string> {
  const payments = new Map<string, string>();
  for (const r of records.filter((r) => r.topic === 'PaymentApproved')) {
    const { reservationId, paymentId } = eventOf(r).data;
    if (typeof reservationId === 'string' && typeof paymentId === 'string') payments.set(reservationId, paymentId);
  }
  return payments;
}

function promotionsOf(records: readonly KafkaRecord[]): Map<string, { couponId: string; point: number }> {
  const promotions = new Map<string, { couponId: string; point: number }>();
  for (const r of records.filter((r) => r.topic === 'PromotionSaved')) {
    const { reservationId, couponId, point } = eventOf(r).data;
    if (typeof reservationId === 'string' && typeof couponId === 'string' && typeof point === 'number')
      promotions.set(reservationId, { couponId, point });
  }
  return promotions;
}
