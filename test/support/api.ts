import type { MyPage, NoticeList } from '@roomstay/contracts';
// The public API as a client sees it: http://localhost:8080, tokens from the auth app.
export const gatewayUrl = process.env['GATEWAY_URL'] ?? 'http://localhost:8080';

export interface Answer<T = unknown> {
  status: number;
  body: T;
  headers: Headers;
}

export async function call<T = unknown>(
  method: string,
  path: string,
  options: { token?: string; body?: unknown; headers?: Record<string, string>; raw?: string } = {},
): Promise<Answer<T>> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers['authorization'] = `Bearer ${options.token}`;
  let body: string | undefined = options.raw;
  if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers['content-type'] ??= 'application/json';
  }
  const response = await fetch(`${gatewayUrl}${path}`, { method, headers, body, signal: AbortSignal.timeout(30_000) });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    // not JSON; the test sees the text
  }
  return { status: response.status, body: parsed as T, headers: response.headers };
}

export async function tokenFor(username: string, password: string): Promise<string> {
  const response = await fetch(`${gatewayUrl}/auth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'password', client_id: 'roomstay-cli', username, password }),
  });
  const body = (await response.json()) as { access_token?: string };
  if (!body.access_token) throw new Error(`no token for ${username}: ${JSON.stringify(body)}`);
  return body.access_token;
}

export const users = {
  alice: () => tokenFor('alice', 'alice123'),
  bob: () => tokenFor('bob', 'bob123'),
  carol: () => tokenFor('carol', 'carol123'),
  admin: () => tokenFor('admin', 'admin123'),
};

/** All of a customer's my page, page after page (tests look for one reservation among many). */
export async function myPageAll(token: string): Promise<Answer<MyPage>> {
  const first = await call<MyPage>('GET', '/mypage?limit=100', { token });
  if (first.status !== 200) return first;
  const whole: MyPage = { ...first.body, reservations: [...first.body.reservations], coupons: [...first.body.coupons] };
  let next = first.body.next;
  while (next) {
    const page = await call<MyPage>('GET', `/mypage?limit=100&cursor=${next}`, { token });
    if (page.status !== 200) return page;
    whole.reservations.push(...page.body.reservations);
    whole.coupons.push(...page.body.coupons);
    next = page.body.next;
  }
  delete whole.next;
  // A line can move while the pages are read (its check-in date arrives with a later event): keep its last sight.
  const last = new Map(whole.reservations.map((line) => [line.reservationId, line]));
  whole.reservations = [...last.values()];
  return { ...first, body: whole };
}

/** All of a customer's notices (the newest 200 the service keeps), page after page. */
export async function noticesAll(token: string): Promise<Answer<NoticeList>> {
  const notices: NoticeList['notices'] = [];
  let next: string | undefined;
  let answer: Answer<NoticeList>;
  do {
    answer = await call<NoticeList>('GET', `/notices?limit=100${next ? `&cursor=${next}` : ''}`, { token });
    if (answer.status !== 200) return answer;
    notices.push(...answer.body.notices);
    next = answer.body.next;
  } while (next);
  return { ...answer, body: { notices } };
}

/** Retries an assertion-like check until it returns a value or the time is up. */
export async function eventually<T>(
  check: () => Promise<T | undefined>,
  timeoutMs = 15_000,
  everyMs = 200,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) throw new Error(`not so within ${timeoutMs} ms${last ? `: ${String(last)}` : ''}`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}

/** A room registered by the administrator, at a price per night. */
export async function registerRoom(price: number, name = `Room ${price}`): Promise<{ roomId: string }> {
  const answer = await call<{ roomId: string }>('POST', '/rooms', {
    token: await users.admin(),
    body: { name, price },
  });
  if (answer.status !== 201) throw new Error(`room not registered: ${answer.status} ${JSON.stringify(answer.body)}`);
  return answer.body;
}

let dayOffset = Math.floor(Math.random() * 10_000);
/** Distinct future stays (in 2030..2099) so tests never collide on a room's calendar. */
export function stay(nights = 1): { checkIn: string; nights: number } {
  const start = Date.UTC(2030, 0, 1) + (dayOffset % 20_000) * 86_400_000;
  dayOffset += nights + 2;
  return { checkIn: new Date(start).toISOString().slice(0, 10), nights };
}

/** The day a stay checks out. */
export function checkOutOf(stay: { checkIn: string; nights: number }): string {
  return new Date(Date.parse(`${stay.checkIn}T00:00:00Z`) + stay.nights * 86_400_000).toISOString().slice(0, 10);
}

/** Whether the public room list says a room is free for a stay. */
export async function roomAvailable(roomId: string, stay: { checkIn: string; nights: number }): Promise<boolean> {
  const answer = await call<{ available?: boolean }>(
    'GET',
    `/rooms/${roomId}?checkIn=${stay.checkIn}&nights=${stay.nights}`,
  );
  if (answer.status !== 200 || answer.body.available === undefined) {
    throw new Error(`room ${roomId} availability: ${answer.status} ${JSON.stringify(answer.body)}`);
  }
  return answer.body.available;
}

/** Waits until reservation knows the room (RoomRegistered went through Kafka). */
export async function reservableRoom(price: number): Promise<string> {
  const { roomId } = await registerRoom(price);
  const token = await users.admin();
  // A probe booking tells when the catalogue copy is there; it is cancelled at once, so its night (a random
  // one) is free again for the stays a test books on the room (chaos 1 once got a 409 from it).
  const probe = await eventually(async () => {
    const placed = await call<{ reservationId: string }>('POST', '/reservations', {
      token,
      body: { roomId, ...stay(1) },
    });
    return placed.status === 201 ? placed.body.reservationId : undefined;
  });
  await eventually(async () => {
    const cancelled = await call('POST', `/reservations/${probe}/cancel`, { token, body: { reason: 'probe' } });
    return cancelled.status === 200 ? true : undefined;
  });
  return roomId;
}
