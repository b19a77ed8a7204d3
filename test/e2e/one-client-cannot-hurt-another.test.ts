// One customer (carol) sends invalid requests on every public route as fast as it can
// while another customer books and pays: the other sees no failure, and its
// latency stays in the range it has alone (measured before, in the same run).
import test from 'ava';
import autocannon from 'autocannon';
import { call, gatewayUrl, reservableRoom, stay, users } from '../support/api.ts';

interface Flow {
  ok: boolean;
  ms: number;
}

async function bookAndPay(token: string, roomId: string): Promise<Flow> {
  const began = performance.now();
  const placed = await call<{ reservationId: string }>('POST', '/reservations', {
    token,
    body: { roomId, ...stay(1) },
  });
  if (placed.status !== 201) return { ok: false, ms: performance.now() - began };
  const paid = await call('POST', `/reservations/${placed.body.reservationId}/payment`, { token });
  return { ok: paid.status === 200, ms: performance.now() - began };
}

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
};

test("a client flooding every route with invalid requests changes nothing for another customer's bookings", async (t) => {
  const [carol, bob] = await Promise.all([users.carol(), users.bob()]);
  const roomId = await reservableRoom(30_000);

  const alone: Flow[] = [];
  for (let i = 0; i < 15; i++) alone.push(await bookAndPay(bob, roomId));

  // Every invalid request is carol's own (her token), so her budget is the one spent: all
  // local clients share 127.0.0.1, and anonymous floods would spend everyone's.
  const invalid: autocannon.Request[] = [
    {
      method: 'POST',
      path: '/reservations',
      body: '{"roomId":',
      headers: { authorization: `Bearer ${carol}`, 'content-type': 'application/json' },
    },
    {
      method: 'POST',
      path: '/reservations',
      body: '{"roomId":"ROOM-none","checkIn":"2030-01-02","nights":0}',
      headers: { authorization: `Bearer ${carol}`, 'content-type': 'application/json' },
    },
    { method: 'GET', path: '/reservations/%2e%2e', headers: { authorization: `Bearer ${carol}` } },
    { method: 'GET', path: '/reservations/RSV-not-there', headers: { authorization: `Bearer ${carol}` } },
    { method: 'POST', path: '/reservations/RSV-not-there/payment', headers: { authorization: `Bearer ${carol}` } },
    { method: 'POST', path: '/reservations/RSV-not-there/cancel', headers: { authorization: `Bearer ${carol}` } },
    {
      method: 'POST',
      path: '/rooms',
      body: '{"name":"x","price":-1}',
      headers: { authorization: `Bearer ${carol}`, 'content-type': 'application/json' },
    },
    { method: 'DELETE', path: '/rooms', headers: { authorization: `Bearer ${carol}` } },
    {
      method: 'POST',
      path: '/auth/token',
      body: 'grant_type=password&client_id=roomstay-cli&username=carol&password=wrong',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    },
  ];
  const flood = autocannon({ url: gatewayUrl, connections: 16, duration: 12, requests: invalid });
  const during: Flow[] = [];
  await new Promise((resolve) => setTimeout(resolve, 1000));
  for (let i = 0; i < 15; i++) during.push(await bookAndPay(bob, roomId));
  const flooded = await flood;

  const statuses = flooded.statusCodeStats as Record<string, { count: number }>;
  const serverErrors = Object.entries(statuses).filter(([code]) => code.startsWith('5'));
  t.log(
    `flood: ${flooded.requests.total} requests, ${JSON.stringify(Object.fromEntries(Object.entries(statuses).map(([c, s]) => [c, s.count])))}`,
  );
  t.deepEqual(serverErrors, [], 'the invalid requests got 4xx answers, never 5xx');
  t.true((statuses['429']?.count ?? 0) > 0, 'the flooding client was slowed down with 429');

  t.deepEqual(
    during.filter((f) => !f.ok),
    [],
    "the other customer's bookings all succeeded",
  );
  const [p50Alone, p99Alone] = [
    percentile(
      alone.map((f) => f.ms),
      50,
    ),
    percentile(
      alone.map((f) => f.ms),
      99,
    ),
  ];
  const [p50During, p99During] = [
    percentile(
      during.map((f) => f.ms),
      50,
    ),
    percentile(
      during.map((f) => f.ms),
      99,
    ),
  ];
  t.log(
    `booking + payment alone p50 ${p50Alone.toFixed(0)} ms p99 ${p99Alone.toFixed(0)} ms; during the flood p50 ${p50During.toFixed(0)} ms p99 ${p99During.toFixed(0)} ms`,
  );
  // Two cores are shared with the flooding client itself: "the usual latency" is read as within 3x of alone.
  t.true(p50During <= Math.max(3 * p50Alone, p50Alone + 150), 'median latency stays in the usual range');
});
