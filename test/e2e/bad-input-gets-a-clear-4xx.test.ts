// Bad input at the ingress: a 4xx with a JSON body naming the problem, and nothing written.
import test from 'ava';
import type { Reservation } from '@roomstay/contracts';
import { call, checkOutOf, reservableRoom, stay, users } from '../support/api.ts';

interface Refusal {
  error: { code: string; message: string; field?: string };
}

test('reservation requests that are malformed are refused with 400 naming the field', async (t) => {
  const alice = await users.alice();
  const roomId = await reservableRoom(50_000);
  const dates = stay(1);
  const cases: Array<[string, unknown, string, string | undefined]> = [
    ['client-sent price', { roomId, ...dates, price: 1 }, 'unknown_field', 'price'],
    ['client-sent status', { roomId, ...dates, status: 'paid' }, 'unknown_field', 'status'],
    ['wrong type', { roomId: 42, ...dates }, 'invalid_field', 'roomId'],
    ['malformed date', { roomId, checkIn: '2030-13-45', nights: 1 }, 'invalid_field', 'checkIn'],
    ['no nights', { roomId, checkIn: dates.checkIn, nights: 0 }, 'invalid_field', 'nights'],
    ['a part of a night', { roomId, checkIn: dates.checkIn, nights: 1.5 }, 'invalid_field', 'nights'],
    ['more than a year', { roomId, checkIn: dates.checkIn, nights: 366 }, 'invalid_field', 'nights'],
    [
      'a checkOut instead of nights',
      { roomId, checkIn: dates.checkIn, nights: 1, checkOut: '2030-01-02' },
      'unknown_field',
      'checkOut',
    ],
    ['missing field', { roomId, checkIn: dates.checkIn }, 'missing_field', 'nights'],
    ['an id with characters ids never have', { roomId: 'ROOM/../x', ...dates }, 'invalid_field', 'roomId'],
    ['not an object', [roomId], 'invalid_request', undefined],
  ];
  for (const [what, body, code, field] of cases) {
    const answer = await call<Refusal>('POST', '/reservations', { token: alice, body });
    t.is(answer.status, 400, what);
    t.is(answer.body.error.code, code, what);
    t.is(answer.body.error.field, field, what);
  }
  const placed = await call<Reservation>('POST', '/reservations', { token: alice, body: { roomId, ...dates } });
  t.is(placed.status, 201, 'none of the refused requests took the dates');
});

test('invalid JSON, other media types and oversized bodies are refused', async (t) => {
  const alice = await users.alice();
  const invalid = await call<Refusal>('POST', '/reservations', {
    token: alice,
    raw: '{"roomId":',
    headers: { 'content-type': 'application/json' },
  });
  t.is(invalid.status, 400);
  t.is(invalid.body.error.code, 'invalid_json');
  const text = await call<Refusal>('POST', '/reservations', {
    token: alice,
    raw: 'roomId=1',
    headers: { 'content-type': 'text/plain' },
  });
  t.is(text.status, 415);
  t.is(text.body.error.code, 'unsupported_media_type');
  const huge = await call<Refusal>('POST', '/reservations', { token: alice, body: { roomId: 'x'.repeat(64 * 1024) } });
  t.is(huge.status, 413);
  t.is(huge.body.error.code, 'payload_too_large');
});

test('without a valid token the API answers 401, with the wrong role 403', async (t) => {
  const none = await call<Refusal>('GET', '/mypage');
  t.is(none.status, 401);
  t.is(none.body.error.code, 'unauthorized');
  t.truthy(none.headers.get('www-authenticate'));
  const forged = await call<Refusal>('GET', '/mypage', { token: 'eyJhbGciOiJub25lIn0.eyJzdWIiOiJhbGljZSJ9.' });
  t.is(forged.status, 401, 'an unsigned (alg none) token is refused');
  const tampered = (await users.alice()).replace(
    /\.([\w-]+)\./,
    (_m, payload: string) => `.${payload.slice(0, -2)}AA.`,
  );
  t.is((await call('GET', '/mypage', { token: tampered })).status, 401, 'a token with a changed payload is refused');
  const customer = await call<Refusal>('POST', '/rooms', {
    token: await users.alice(),
    body: { name: 'Mine', price: 1000 },
  });
  t.is(customer.status, 403);
  t.is(customer.body.error.code, 'forbidden');
  const badLogin = await fetch('http://localhost:8080/auth/token', {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'password',
      client_id: 'roomstay-cli',
      username: 'alice',
      password: 'wrong',
    }),
  });
  t.is(badLogin.status, 400);
  t.is(((await badLogin.json()) as { error: string }).error, 'invalid_grant');
});

test('booking a room that is taken for the dates is refused with 409, adjacent stays are fine', async (t) => {
  const [alice, bob] = await Promise.all([users.alice(), users.bob()]);
  const roomId = await reservableRoom(50_000);
  const dates = stay(3);
  const first = await call('POST', '/reservations', { token: alice, body: { roomId, ...dates } });
  t.is(first.status, 201);
  const overlapping = await call<Refusal>('POST', '/reservations', {
    token: bob,
    body: { roomId, checkIn: dates.checkIn, nights: 1 },
  });
  t.is(overlapping.status, 409);
  t.is(overlapping.body.error.code, 'room_unavailable');
  const adjacent = await call('POST', '/reservations', {
    token: bob,
    body: { roomId, checkIn: checkOutOf(dates), nights: 1 },
  });
  t.is(adjacent.status, 201, 'checkOut day is free for the next guest');
});

test('only one of many concurrent bookings of the same nights wins', async (t) => {
  const [alice, bob] = await Promise.all([users.alice(), users.bob()]);
  const roomId = await reservableRoom(50_000);
  const dates = stay(2);
  const answers = await Promise.all(
    Array.from({ length: 8 }, (_, i) =>
      call('POST', '/reservations', { token: i % 2 ? alice : bob, body: { roomId, ...dates } }),
    ),
  );
  t.is(answers.filter((a) => a.status === 201).length, 1);
  t.is(answers.filter((a) => a.status === 409).length, 7);
});
