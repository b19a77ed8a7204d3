import test from 'ava';
import type { Reservation } from '@roomstay/contracts';
import { call, reservableRoom, stay, users } from '../support/api.ts';

test("another customer cannot read, pay or cancel alice's reservation: it does not exist for them", async (t) => {
  const [alice, bob, admin] = await Promise.all([users.alice(), users.bob(), users.admin()]);
  const roomId = await reservableRoom(45_000);
  const placed = await call<Reservation>('POST', '/reservations', { token: alice, body: { roomId, ...stay(1) } });
  t.is(placed.status, 201);
  const id = placed.body.reservationId;
  for (const [method, path] of [
    ['GET', `/reservations/${id}`],
    ['POST', `/reservations/${id}/payment`],
    ['POST', `/reservations/${id}/cancel`],
  ] as const) {
    const answer = await call<{ error: { code: string } }>(method, path, { token: bob });
    t.is(answer.status, 404, `${method} ${path}`);
    t.is(answer.body.error.code, 'not_found');
  }
  const asAdmin = await call<Reservation>('GET', `/reservations/${id}`, { token: admin });
  t.is(asAdmin.status, 200, 'an administrator sees every reservation');
  const asOwner = await call<Reservation>('GET', `/reservations/${id}`, { token: alice });
  t.is(asOwner.body.status, 'reserved', "bob's attempts changed nothing");
});
