import test from 'ava';
import { archiveHarness, placed, withStatus } from './support/archive.ts';

test('a move whose archive write fails keeps the reservation in Redis, and the next change moves it', async (t) => {
  const { live, archive, repository, failedMoves } = archiveHarness();
  await repository.create(placed());
  const read = await repository.get('RSV-1');
  if (!read) throw new Error('placed reservation not read');
  const save = archive.save.bind(archive);
  archive.save = async () => {
    throw new Error('the archive is down');
  };
  await repository.replace(withStatus(read.value, 'completed'), read.etag);
  t.deepEqual(failedMoves, ['RSV-1']);
  t.is((await repository.get('RSV-1'))?.value.reservation.status, 'completed', 'read from Redis');

  archive.save = save;
  const again = await repository.get('RSV-1');
  if (!again) throw new Error('completed reservation not read');
  await repository.replace(withStatus(again.value, 'cancelled'), again.etag);
  t.true('moved' in ((await live.get('reservation:RSV-1'))?.value ?? {}));
  t.is((await repository.get('RSV-1'))?.value.reservation.status, 'cancelled');
});

test('a move cut short after its archive write leaves the same record in Redis, read first', async (t) => {
  const { live, archive, repository } = archiveHarness();
  await repository.create(placed());
  const read = await repository.get('RSV-1');
  if (!read) throw new Error('placed reservation not read');
  const save = live.save.bind(live);
  live.save = async (key, value, guard, ttl) => {
    if ('moved' in value) throw new Error('Redis is down');
    return save(key, value, guard, ttl);
  };
  await repository.replace(withStatus(read.value, 'completed'), read.etag);
  t.deepEqual(archive.keys(), ['reservation:RSV-1']);
  t.deepEqual((await repository.get('RSV-1'))?.value, withStatus(read.value, 'completed'));
  t.regex((await repository.get('RSV-1'))?.etag ?? '', /^L/, 'the Redis copy');
});
