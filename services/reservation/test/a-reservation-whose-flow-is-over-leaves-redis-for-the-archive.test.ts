import test from 'ava';
import { archiveHarness, placed, withStatus } from './support/archive.ts';

test('a completed reservation that owes nothing leaves Redis for the archive, a short-lived marker in its place', async (t) => {
  const { live, archive, repository } = archiveHarness();
  await repository.create(placed());
  const stored = await repository.get('RSV-1');
  if (!stored) throw new Error('placed reservation not read');
  await repository.replace(withStatus(stored.value, 'completed'), stored.etag);

  t.deepEqual((await live.get('reservation:RSV-1'))?.value, { moved: true, revision: 2 }, 'only a marker in Redis');
  t.is(live.ttlOf('reservation:RSV-1'), 600, 'and it expires');
  t.deepEqual(archive.keys(), ['reservation:RSV-1']);
  t.is((await repository.get('RSV-1'))?.value.reservation.status, 'completed');
  t.is((await repository.getMany(['RSV-1', 'RSV-none']))[0]?.value.reservation.status, 'completed');
});

test('a reservation that still owes events, or whose flow runs on, stays in Redis', async (t) => {
  const { live, archive, repository } = archiveHarness();
  await repository.create(placed('RSV-1'));
  await repository.create(placed('RSV-2'));
  const first = await repository.get('RSV-1');
  const second = await repository.get('RSV-2');
  if (!first || !second) throw new Error('placed reservations not read');
  const owed = { id: 'E-1', topic: 'ReservationCancelled', time: '2030-01-01T00:00:00Z', payload: {} };
  await repository.replace({ ...withStatus(first.value, 'cancelled'), outbox: [owed as never] }, first.etag);
  await repository.replace(withStatus(second.value, 'paid'), second.etag);

  t.is((await live.get('reservation:RSV-1'))?.value.revision, 2);
  t.false('moved' in ((await live.get('reservation:RSV-1'))?.value ?? {}));
  t.false('moved' in ((await live.get('reservation:RSV-2'))?.value ?? {}));
  t.deepEqual(archive.keys(), []);
});

test('an archived reservation is changed in the archive: a completed stay cancelled', async (t) => {
  const { archive, repository } = archiveHarness();
  await repository.create(placed());
  const stored = await repository.get('RSV-1');
  if (!stored) throw new Error('placed reservation not read');
  await repository.replace(withStatus(stored.value, 'completed'), stored.etag);
  const archived = await repository.get('RSV-1');
  if (!archived) throw new Error('archived reservation not read');
  await repository.replace(withStatus(archived.value, 'cancelled'), archived.etag);

  t.is((await archive.get('reservation:RSV-1'))?.value.reservation.status, 'cancelled');
  t.is((await repository.get('RSV-1'))?.value.reservation.status, 'cancelled');
});
