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

let dayOffset = Math.floor(Math.random() * 20_000);
/** Distinct future stays so tests never collide on a room's calendar. */
export function stay(nights = 1): { checkIn: string; checkOut: string } {
  const start = Date.UTC(2030, 0, 1) + dayOffset++ * 86_400_000 * 3;
  const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  dayOffset += nights;
  return { checkIn: iso(start), checkOut: iso(start + nights * 86_400_000) };
}

/** Waits until reservation knows the room (RoomRegistered went through Kafka). */
export async function reservableRoom(price: number): Promise<string> {
  const { roomId } = await registerRoom(price);
  const token = await users.admin();
  // A probe booking for one night far away tells when the catalogue copy is there.
  await eventually(async () => {
    const probe = await call('POST', '/reservations', { token, body: { roomId, ...stay(1) } });
    return probe.status === 201 ? true : undefined;
  });
  return roomId;
}
