// Bounded load through the ingress with autocannon: each connection reserves a
// room and pays for it (or only pays, for reservations made beforehand), and
// every answer is kept, so a scenario can count what succeeded, what failed,
// and how long each took while a fault was on.
import autocannon, { type Request } from 'autocannon';
import { gatewayUrl } from '../../support/api.ts';

export interface Answer {
  kind: 'reserve' | 'pay';
  status: number;
  /** ms since the load started, when the answer came */
  at: number;
  latencyMs: number;
  reservationId?: string;
  body: string;
}

export interface LoadResult {
  answers: Answer[];
  /** reservation id -> the last pay answer's parsed body */
  paid: Map<string, PayBody>;
  reserved: string[];
  /** When the load began, ms since the epoch (answers' `at` count from it). */
  startedAt: number;
  durationMs: number;
  /** Requests that got no answer (connection errors, timeouts): every scenario asserts there were none. */
  errors: number;
  /** The first few of those errors, for the assertion's message. */
  errorSamples: string[];
}

export interface PayBody {
  payment: { paymentId: string; paymentStatus: string };
  promotion: { status: 'granted' | 'pending' | 'none'; couponId?: string; point?: number };
}

export interface StayCounter {
  next(): { checkIn: string; nights: number };
}

/**
 * One-night stays on consecutive days from a start, unique per counter. Each
 * scenario books a room of its own, so the years only keep scenarios apart
 * when read in logs; they are folded into this century, where stays are taken.
 */
export function stays(startYear: number): StayCounter {
  let day = 0;
  const start = Date.UTC(2030 + (startYear % 70), 0, 1);
  const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  return {
    next() {
      const from = start + day++ * 86_400_000;
      return { checkIn: iso(from), nights: 1 };
    },
  };
}

interface Context {
  reservationId?: string;
  started?: number;
}

function recorder(began: number, answers: Answer[], paid: Map<string, PayBody>) {
  return (kind: Answer['kind'], status: number, body: string, ctx: Context) => {
    if (kind === 'pay' && status === 200 && ctx.reservationId) paid.set(ctx.reservationId, JSON.parse(body) as PayBody);
    const now = Date.now();
    answers.push({
      kind,
      status,
      at: now - began,
      latencyMs: now - (ctx.started ?? began),
      body,
      ...(ctx.reservationId ? { reservationId: ctx.reservationId } : {}),
    });
  };
}

/**
 * `connections` concurrent clients, each doing `flowsPerConnection`
 * reserve-then-pay sequences, each with its own stay on `roomId`.
 */
export async function reserveAndPay(options: {
  token: string;
  roomId: string;
  stays: StayCounter;
  connections: number;
  /** Either a number of flows per connection, or a duration. */
  flowsPerConnection?: number;
  seconds?: number;
}): Promise<LoadResult> {
  const began = Date.now();
  const answers: Answer[] = [];
  const paid = new Map<string, PayBody>();
  const reserved: string[] = [];
  const record = recorder(began, answers, paid);
  const headers = { authorization: `Bearer ${options.token}`, 'content-type': 'application/json' };
  const requests: Request[] = [
    {
      method: 'POST',
      path: '/reservations',
      headers,
      setupRequest: (request: Request, context: object) => {
        (context as Context).started = Date.now();
        return { ...request, body: JSON.stringify({ roomId: options.roomId, ...options.stays.next() }) };
      },
      onResponse: (status: number, body: string, context: object) => {
        const ctx = context as Context;
        ctx.reservationId = undefined;
        if (status === 201) {
          ctx.reservationId = (JSON.parse(body) as { reservationId: string }).reservationId;
          reserved.push(ctx.reservationId);
        }
        record('reserve', status, body, ctx);
      },
    },
    {
      method: 'POST',
      headers,
      setupRequest: (request: Request, context: object) => {
        const ctx = context as Context;
        ctx.started = Date.now();
        return { ...request, path: `/reservations/${ctx.reservationId ?? 'not-reserved'}/payment` };
      },
      onResponse: (status: number, body: string, context: object) => {
        record('pay', status, body, context as Context);
      },
    },
  ];
  const { result, samples } = await run({
    url: gatewayUrl,
    connections: options.connections,
    // A number of flows ends when every connection made them: autocannon's default 10 s duration must not cut it short.
    ...(options.seconds
      ? { duration: options.seconds }
      : { maxConnectionRequests: (options.flowsPerConnection ?? 1) * 2, duration: 600 }),
    requests,
    timeout: 30,
  });
  return {
    answers,
    paid,
    reserved,
    startedAt: began,
    durationMs: Date.now() - began,
    errors: result.errors + result.timeouts,
    errorSamples: samples,
  };
}

/** Runs autocannon and keeps the first errors it met (it only counts them otherwise). */
async function run(options: autocannon.Options): Promise<{ result: autocannon.Result; samples: string[] }> {
  const samples: string[] = [];
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(options, (error, r) => (error ? reject(error) : resolve(r)));
    instance.on('reqError', (error: Error) => {
      if (samples.length < 5) samples.push(error.message);
    });
  });
  return { result, samples };
}

/** Pays reservations made beforehand, `connections` payers at a time: the original's siege on payments. */
export async function payAll(options: {
  token: string;
  reservationIds: readonly string[];
  connections: number;
}): Promise<LoadResult> {
  const began = Date.now();
  const answers: Answer[] = [];
  const paid = new Map<string, PayBody>();
  const record = recorder(began, answers, paid);
  let next = 0;
  const request: Request = {
    method: 'POST',
    headers: { authorization: `Bearer ${options.token}` },
    setupRequest: (req: Request, context: object) => {
      const ctx = context as Context;
      ctx.reservationId = options.reservationIds[next++ % options.reservationIds.length];
      ctx.started = Date.now();
      return { ...req, path: `/reservations/${ctx.reservationId}/payment` };
    },
    onResponse: (status: number, body: string, context: object) => {
      record('pay', status, body, context as Context);
    },
  };
  const { result, samples } = await run({
    url: gatewayUrl,
    connections: options.connections,
    amount: options.reservationIds.length,
    requests: [request],
    timeout: 30,
  });
  return {
    answers,
    paid,
    reserved: [...options.reservationIds],
    startedAt: began,
    durationMs: Date.now() - began,
    errors: result.errors + result.timeouts,
    errorSamples: samples,
  };
}

export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}

export const availability = (answers: readonly Answer[], ok: (a: Answer) => boolean): number =>
  answers.length === 0 ? 100 : (100 * answers.filter(ok).length) / answers.length;

/** `{ "reserve 201": 150, "pay 503": 3 }`, for assertion messages. */
export function statusCounts(answers: readonly Answer[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const a of answers) counts[`${a.kind} ${a.status}`] = (counts[`${a.kind} ${a.status}`] ?? 0) + 1;
  return counts;
}

/**
 * What a real client does after a refusal: come back after Retry-After (a 429
 * or a 5xx) until the payment goes through; any other answer is final (a 404:
 * the reservation is not there). Resolves with the payments that went through.
 */
export async function payUntilPaid(
  token: string,
  reservationIds: readonly string[],
  timeoutMs = 60_000,
): Promise<Map<string, PayBody>> {
  const paid = new Map<string, PayBody>();
  const deadline = Date.now() + timeoutMs;
  let left = [...reservationIds];
  while (left.length > 0) {
    if (Date.now() > deadline) throw new Error(`${left.length} reservations still unpaid after ${timeoutMs} ms`);
    const answers = await Promise.all(
      left.map(async (id) => {
        const response = await fetch(`${gatewayUrl}/reservations/${id}/payment`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}` },
        });
        return { id, status: response.status, body: await response.text() };
      }),
    );
    for (const a of answers) if (a.status === 200) paid.set(a.id, JSON.parse(a.body) as PayBody);
    left = answers.filter((a) => a.status === 429 || a.status >= 500).map((a) => a.id);
    if (left.length) await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  return paid;
}

/** Asserts the load met no error without an answer (a lost request would hide in availability figures). */
export function noLostRequests(
  t: { is(actual: number, expected: number, message?: string): unknown },
  result: LoadResult,
) {
  t.is(result.errors, 0, `requests without an answer: ${result.errors} ${JSON.stringify(result.errorSamples)}`);
}
