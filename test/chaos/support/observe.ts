// What the chaos scenarios look at to judge an outcome: daprd metrics, my page,
// promotion's sql.js store on disk, Kafka topics.
import { fileURLToPath } from 'node:url';
import type { MyPage } from '@roomstay/contracts';
import { loadPromotionDatabase } from '../../../services/promotion/src/adapters/sqljs-store.ts';
import { eventually, myPageAll } from '../../support/api.ts';

/** A Prometheus gauge/counter from a sidecar's metrics port, summed over matching series. */
export async function metric(port: number, name: string, labels: Record<string, string> = {}): Promise<number> {
  const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
  let sum = 0;
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}{`) && !line.startsWith(`${name} `)) continue;
    if (!Object.entries(labels).every(([k, v]) => line.includes(`${k}="${v}"`))) continue;
    sum += Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  return sum;
}

/** The state of a sidecar's circuit breaker towards a target ("open", "half-open", "closed"), from its metrics. */
export async function circuit(metricsPort: number, target: string): Promise<string | undefined> {
  const text = await (await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).text();
  for (const line of text.split('\n')) {
    if (!line.startsWith('dapr_resiliency_cb_state{') || !line.includes(target)) continue;
    if (Number(line.slice(line.lastIndexOf(' ') + 1)) !== 1) continue;
    return /status="([^"]+)"/.exec(line)?.[1];
  }
  return undefined;
}

export async function myPage(token: string): Promise<MyPage> {
  const page = await myPageAll(token);
  if (page.status !== 200) throw new Error(`my page: ${page.status}`);
  return page.body;
}

/** Waits until every given reservation shows a granted promotion on my page. */
export async function allGranted(
  token: string,
  reservationIds: readonly string[],
  timeoutMs = 60_000,
): Promise<MyPage> {
  return eventually(
    async () => {
      const page = await myPage(token);
      const granted = new Set(
        page.reservations.filter((r) => r.promotionStatus === 'granted').map((r) => r.reservationId),
      );
      const missing = reservationIds.filter((id) => !granted.has(id)).length;
      if (missing > 0)
        throw new Error(`${missing} of ${reservationIds.length} reservations without a granted promotion on my page`);
      return page;
    },
    timeoutMs,
    500,
  );
}

export interface FileGrant {
  paymentId: string;
  reservationId: string;
  couponId: string;
  point: number;
}

/**
 * Promotion's store as it is on disk (its snapshot and the journal replayed
 * over it), read without changing it; throws if they do not hold together.
 */
export async function promotionFile(): Promise<{
  grants: FileGrant[];
  unpublished: string[];
}> {
  const db = await loadPromotionDatabase(
    fileURLToPath(new URL('../../../.data/promotion/promotion.sqlite', import.meta.url)),
  );
  try {
    const grants = (db.exec('SELECT payment_id, reservation_id, coupon_id, point FROM promotion')[0]?.values ?? []).map(
      ([paymentId, reservationId, couponId, point]) => ({
        paymentId: String(paymentId),
        reservationId: String(reservationId),
        couponId: String(couponId),
        point: Number(point),
      }),
    );
    const unpublished = (db.exec('SELECT event_id FROM outbox')[0]?.values ?? []).map(([eventId]) => String(eventId));
    return { grants, unpublished };
  } finally {
    db.close();
  }
}

/** A Prometheus histogram of a sidecar: cumulative counts per upper bound (ms), summed over matching series. */
export async function histogram(
  port: number,
  name: string,
  labels: Record<string, string> = {},
): Promise<Map<number, number>> {
  const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
  const buckets = new Map<number, number>();
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}_bucket{`)) continue;
    if (!Object.entries(labels).every(([k, v]) => line.includes(`${k}="${v}"`))) continue;
    const le = /le="([^"]+)"/.exec(line)?.[1];
    if (!le) continue;
    const bound = le === '+Inf' ? Number.POSITIVE_INFINITY : Number(le);
    buckets.set(bound, (buckets.get(bound) ?? 0) + Number(line.slice(line.lastIndexOf(' ') + 1)));
  }
  return buckets;
}

/** What a histogram counted between two readings: observations in all, and at most `bound`. */
export function between(
  before: Map<number, number>,
  after: Map<number, number>,
  bound: number,
): { count: number; atMost: number } {
  const delta = (le: number) => (after.get(le) ?? 0) - (before.get(le) ?? 0);
  const bounds = [...after.keys()].filter((le) => le >= bound).sort((a, b) => a - b);
  return { count: delta(Number.POSITIVE_INFINITY), atMost: bounds[0] === undefined ? 0 : delta(bounds[0]) };
}
