// One customer (carol) sends invalid requests on every public route as fast as it can
// while another customer books and pays: the other sees no failure, and no
// circuit of any sidecar opens (a business refusal is not an outage: issue 9
// found ten 404s opening a circuit for everybody). How much slower the other's
// requests get while two cores also serve the flood is the benchmark's to
// measure, not a stopwatch's here.
import { randomUUID } from 'node:crypto';
import test from 'ava';
import autocannon from 'autocannon';
import { call, gatewayUrl, reservableRoom, stay, users } from '../support/api.ts';
import { openCircuits } from '../support/stack.ts';

interface Flow {
  ok: boolean;
}

async function bookAndPay(token: string, roomId: string): Promise<Flow> {
  const placed = await call<{ reservationId: string }>('POST', '/reservations', {
    token,
    body: { roomId, ...stay(1) },
  });
  if (placed.status !== 201) return { ok: false };
  const paid = await call('POST', `/reservations/${placed.body.reservationId}/payment`, { token });
  return { ok: paid.status === 200 };
}

test("a client flooding every route with invalid requests changes nothing for another customer's bookings", async (t) => {
  const [carol, bob] = await Promise.all([users.carol(), users.bob()]);
  const roomId = await reservableRoom(30_000);
  const guessed = `nobody-${randomUUID()}`;

  t.deepEqual(await openCircuits(), [], 'no circuit is open before the flood');

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
      // Wrong passwords for an account of its own: all local clients share one address, and
      // an account failed from an address is refused to that address (its owner's included).
      body: `grant_type=password&client_id=roomstay-cli&username=${guessed}&password=wrong`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    },
  ];
  const flood = autocannon({ url: gatewayUrl, connections: 16, duration: 12, requests: invalid });
  // Watched all through the flood: a circuit that opened and closed again is seen too.
  const opened = new Set<string>();
  let flooding = true;
  const watching = (async () => {
    while (flooding) {
      for (const circuit of await openCircuits()) opened.add(circuit);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  })();
  const during: Flow[] = [];
  await new Promise((resolve) => setTimeout(resolve, 1000));
  for (let i = 0; i < 15; i++) during.push(await bookAndPay(bob, roomId));
  const flooded = await flood;
  flooding = false;
  await watching;

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
  t.deepEqual([...opened], [], 'no circuit of any sidecar opened during the flood');
});
