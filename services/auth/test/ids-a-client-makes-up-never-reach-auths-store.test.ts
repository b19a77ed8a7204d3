import test from 'ava';
import { storedAdapters } from '../src/adapters/oidc-store.ts';
import { inMemoryStores } from './support/stores.ts';

test('an id, uid, user code or grant a client makes up that the provider could not have made is not found, and the store is never asked', async (t) => {
  const stores = inMemoryStores();
  const session = storedAdapters(stores)('Session');
  for (const made of ['a||b', '../x', 'x'.repeat(257), 'a b', 'ключ', '']) {
    t.is(await session.find(made), undefined);
    t.is(await session.findByUid(made), undefined);
    t.is(await session.findByUserCode(made), undefined);
    await session.consume(made);
    await session.destroy(made);
    await session.revokeByGrantId(made);
  }
  t.is(stores.models.reads + stores.models.writes, 0);
});
