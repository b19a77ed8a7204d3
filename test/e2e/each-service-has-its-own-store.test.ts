// The stores are the real ones: Redis for reservation (PostgreSQL for its
// archive), PostgreSQL for payment, SQLite for room, each written through the
// owner's own sidecar.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import test from 'ava';
import { call, eventually, registerRoom, stay, users, type Answer } from '../support/api.ts';
import { operatorPsql, operatorRedis } from '../support/operator.ts';

const run = promisify(execFile);

test('reservation, payment and room keep state in Redis, PostgreSQL and SQLite through their sidecars', async (t) => {
  const alice = await users.alice();
  const { roomId } = await registerRoom(40_000, 'Store check');
  const reservation = await eventually(async () => {
    const answer: Answer<{ reservationId: string }> = await call('POST', '/reservations', {
      token: alice,
      body: { roomId, ...stay(1) },
    });
    return answer.status === 201 ? answer.body : undefined;
  });
  const paid = await call<{ payment: { paymentId: string } }>(
    'POST',
    `/reservations/${reservation.reservationId}/payment`,
    { token: alice },
  );
  t.is(paid.status, 200);

  // Redis while its flow runs, reservation's archive in PostgreSQL once it is over (completed).
  const redis = operatorRedis(0);
  try {
    // Dapr's Redis store keeps a hash per key, prefixed with the app id.
    const live = await redis.hget(`reservation||reservation:${reservation.reservationId}`, 'data');
    const archived = await operatorPsql(
      'reservation',
      `SELECT value->'reservation'->>'status' FROM reservation_archive WHERE key = 'reservation||reservation:${reservation.reservationId}'`,
    );
    t.true(
      /"status":"(paid|completed)"/.test(live ?? '') || archived === 'completed',
      `the reservation is in Redis (${live}) or in its archive (${archived})`,
    );
  } finally {
    redis.disconnect();
  }

  const payment = await operatorPsql(
    'payment',
    `SELECT value->'payment'->>'paymentStatus' FROM payment_state WHERE key = 'payment||payment:${reservation.reservationId}'`,
  );
  t.is(payment, 'Y', 'the payment is in PostgreSQL');

  // Read with an independent SQLite (Python's) that understands daprd's WAL file.
  const file = new URL('../../.data/room/room.db', import.meta.url).pathname;
  const { stdout } = await run('python3', [
    '-c',
    'import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); print(c.execute("SELECT count(*) FROM room_state WHERE key = ?", (sys.argv[2],)).fetchone()[0])',
    file,
    `room||room:${roomId}`,
  ]);
  t.is(stdout.trim(), '1', 'the room is in SQLite');
});
