import test from 'ava';
import { ConcurrencyConflict } from '@roomstay/platform';
import { archiveHarness, placed, withStatus } from './support/archive.ts';

test('a writer holding a version from before a move cannot bring the Redis copy back', async (t) => {
  const { repository } = archiveHarness();
  await repository.create(placed());
  const read = await repository.get('RSV-1');
  if (!read) throw new Error('placed reservation not read');
  // The first completes it (it moves to the archive); the second, from the same version, would mark it paid.
  await repository.replace(withStatus(read.value, 'completed'), read.etag);
  await t.throwsAsync(repository.replace(withStatus(read.value, 'paid'), read.etag), {
    instanceOf: ConcurrencyConflict,
  });
  t.is((await repository.get('RSV-1'))?.value.reservation.status, 'completed');
});

test('an older revision never overwrites a newer one in the archive', async (t) => {
  const { archive, repository } = archiveHarness();
  await repository.create(placed());
  const read = await repository.get('RSV-1');
  if (!read) throw new Error('placed reservation not read');
  // The archive already holds a later revision (a move that went further).
  await archive.save('reservation:RSV-1', { ...withStatus(read.value, 'cancelled'), revision: 9 });
  await repository.replace(withStatus(read.value, 'completed'), read.etag);

  t.is((await archive.get('reservation:RSV-1'))?.value.reservation.status, 'cancelled');
  t.is((await archive.get('reservation:RSV-1'))?.value.revision, 9);
});

test('a change written in Redis while a move was under way stays in Redis, and is what is read', async (t) => {
  const { live, repository } = archiveHarness();
  await repository.create(placed());
  const read = await repository.get('RSV-1');
  if (!read) throw new Error('placed reservation not read');
  // Another writer changes Redis's copy between the move's archive write and its marker.
  const get = live.get.bind(live);
  let reads = 0;
  live.get = async (key) => {
    if (++reads === 1) {
      const current = await get(key);
      if (current && !('moved' in current.value))
        await live.save(
          key,
          { ...withStatus(current.value, 'cancelled'), revision: current.value.revision + 1 },
          { etag: current.etag },
        );
    }
    return get(key);
  };
  await repository.replace(withStatus(read.value, 'completed'), read.etag);
  t.is((await repository.get('RSV-1'))?.value.reservation.status, 'cancelled');
});
