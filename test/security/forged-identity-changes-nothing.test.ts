// Identity headers sent by a client, or by an app, are not believed.
import test from 'ava';
import { call, myPageAll, reservableRoom, stay, users } from '../support/api.ts';
import { refused } from './support/attacks.ts';

test("a client's identity headers are ignored: the caller is who the token says", async (t) => {
  const [alice, bob] = await Promise.all([users.alice(), users.bob()]);
  const roomId = await reservableRoom(10_000);
  const placed = await call<{ reservationId: string }>('POST', '/reservations', {
    token: alice,
    body: { roomId, ...stay(1) },
  });
  t.is(placed.status, 201);
  const forged = {
    'x-caller-id': 'alice',
    'x-caller-role': 'admin',
    'x-caller-name': 'alice',
    'dapr-caller-app-id': 'gateway',
  };

  const read = await call('GET', `/reservations/${placed.body.reservationId}`, { token: bob, headers: forged });
  refused(t, "bob reads alice's reservation with forged identity headers", read.status === 404, read.status);

  const first = await call<{ customerId: string }>('GET', '/mypage', { token: bob, headers: forged });
  const page = { body: { ...first.body, reservations: (await myPageAll(bob)).body.reservations } };
  refused(
    t,
    "bob reads alice's my page with forged identity headers",
    page.body.customerId === 'bob' &&
      !page.body.reservations.some((r) => r.reservationId === placed.body.reservationId),
    page.body.customerId,
  );

  const room = await call('POST', '/rooms', { token: alice, headers: forged, body: { name: 'Forged', price: 1 } });
  refused(t, 'alice registers a room claiming the administrator role in a header', room.status === 403, room.status);
});
