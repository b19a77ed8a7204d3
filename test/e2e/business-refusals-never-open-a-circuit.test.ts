// Dapr's breakers count every non-2xx answer of an app; ordinary refusals must
// not trip them for everybody (the apps answer refusals to their sidecars
// under the internal answer convention).
import { randomUUID } from 'node:crypto';
import test from 'ava';
import { call, gatewayUrl, reservableRoom, stay, users } from '../support/api.ts';

test('twenty reservations of an unknown room (404) leave the next customer able to reserve', async (t) => {
  const [alice, bob] = await Promise.all([users.alice(), users.bob()]);
  const roomId = await reservableRoom(20_000);
  for (let i = 0; i < 20; i++) {
    const refused = await call('POST', '/reservations', {
      token: alice,
      body: { roomId: `ROOM-none-${i}`, ...stay(1) },
    });
    t.is(refused.status, 404);
  }
  const placed = await call('POST', '/reservations', { token: bob, body: { roomId, ...stay(1) } });
  t.is(placed.status, 201, 'no circuit opened for everybody');
});

test('twenty wrong passwords leave every other sign-in working', async (t) => {
  const nobody = `nobody-${randomUUID()}`;
  for (let i = 0; i < 20; i++) {
    const response = await fetch(`${gatewayUrl}/auth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'password',
        client_id: 'roomstay-cli',
        username: nobody,
        password: `guess-${i}`,
      }),
    });
    t.true(response.status === 400 || response.status === 429, `wrong password answered ${response.status}`);
  }
  const response = await fetch(`${gatewayUrl}/auth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'password',
      client_id: 'roomstay-cli',
      username: 'bob',
      password: 'bob123',
    }),
  });
  t.is(response.status, 200, 'bob signs in');
});
