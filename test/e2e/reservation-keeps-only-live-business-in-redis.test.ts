// Reservation's Redis holds what the business still needs, not its history:
// an Idempotency-Key's answer for a day, a taken night until it has passed,
// and a reservation only while its flow runs; once completed (or cancelled)
// it is kept in reservation's archive in PostgreSQL, and read from there.
import test from 'ava';
import { call, eventually, reservableRoom, stay, users } from '../support/api.ts';
import { operatorPsql, operatorRedis } from '../support/operator.ts';

const DAY = 86_400;

test('a paid reservation leaves Redis for the archive once completed; its night and its Idempotency-Key expire', async (t) => {
  const alice = await users.alice();
  const roomId = await reservableRoom(70_000);
  const dates = stay(1);
  const placed = await call<{ reservationId: string }>('POST', '/reservations', {
    token: alice,
    body: { roomId, ...dates },
  });
  t.is(placed.status, 201);
  const id = placed.body.reservationId;
  const key = `keep-${id}`;
  const paid = await call('POST', `/reservations/${id}/payment`, {
    token: alice,
    headers: { 'idempotency-key': key },
  });
  t.is(paid.status, 200);

  const redis = operatorRedis(0);
  t.teardown(() => redis.disconnect());
  await redis.connect();
  const idempotencyTtl = await redis.ttl(`reservation||idempotency:alice:${key}`);
  t.true(idempotencyTtl > DAY - 120 && idempotencyTtl <= DAY, `the Idempotency-Key's answer lives ${idempotencyTtl} s`);
  // The night is kept until the day after its checkout morning (three days after the night began).
  const nightTtl = await redis.ttl(`reservation||night:${roomId}:${dates.checkIn}`);
  const untilPassed = (Date.parse(`${dates.checkIn}T00:00:00Z`) + 3 * DAY * 1000 - Date.now()) / 1000;
  t.true(Math.abs(nightTtl - untilPassed) < 120, `the night lives ${nightTtl} s, ${untilPassed.toFixed(0)} s expected`);

  // In Redis only a marker is left, for ten minutes, so that no writer holding an older version brings it back.
  const inRedis = () => redis.hget(`reservation||reservation:${id}`, 'data');
  const archived = await eventually(async () => {
    const row = await operatorPsql(
      'reservation',
      `SELECT value->'reservation'->>'status' FROM reservation_archive WHERE key = 'reservation||reservation:${id}'`,
    );
    return row === 'completed' && (await inRedis())?.includes('"moved":true') ? row : undefined;
  }, 30_000);
  t.is(archived, 'completed', 'in the archive');
  t.notRegex((await inRedis()) ?? '', /"status"/, 'not in Redis');
  const markerTtl = await redis.ttl(`reservation||reservation:${id}`);
  t.true(markerTtl > 0 && markerTtl <= 600, `the marker lives ${markerTtl} s`);
  const read = await call<{ status: string }>('GET', `/reservations/${id}`, { token: alice });
  t.is(read.status, 200);
  t.is(read.body.status, 'completed');

  const cancelled = await call<{ status: string }>('POST', `/reservations/${id}/cancel`, {
    token: alice,
    body: { reason: 'plans changed' },
  });
  t.is(cancelled.status, 200);
  t.is(cancelled.body.status, 'cancelled');
  t.is(await redis.exists(`reservation||night:${roomId}:${dates.checkIn}`), 0, 'its night is free again');
  t.is(
    await operatorPsql(
      'reservation',
      `SELECT value->'reservation'->>'status' FROM reservation_archive WHERE key = 'reservation||reservation:${id}'`,
    ),
    'cancelled',
  );
  t.notRegex((await inRedis()) ?? '', /"status"/, 'still not in Redis');
});
