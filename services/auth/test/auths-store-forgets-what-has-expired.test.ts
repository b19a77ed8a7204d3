import test from 'ava';
import { storedAdapters } from '../src/adapters/oidc-store.ts';
import { inMemoryStores } from './support/stores.ts';

test('a stored session is found by id and uid for its lifetime, the store is told that lifetime, and nothing is found after', async (t) => {
  const stores = inMemoryStores();
  let clock = 1_000_000;
  const session = storedAdapters(stores, () => clock)('Session');
  await session.upsert('session-1', { uid: 'uid-1', accountId: 'alice' }, 600);
  t.is((await session.find('session-1'))?.['accountId'], 'alice');
  t.is((await session.findByUid('uid-1'))?.['accountId'], 'alice');
  t.is(stores.models.ttlOf('Session:session-1'), 600);

  clock += 600_000;
  t.is(await session.find('session-1'), undefined, 'gone when its lifetime is over, even if the store still has it');
  t.is(await session.findByUid('uid-1'), undefined);
});

test('a code is marked consumed once and keeps the rest of its lifetime', async (t) => {
  const stores = inMemoryStores();
  let clock = 1_000_000;
  const codes = storedAdapters(stores, () => clock)('AuthorizationCode');
  await codes.upsert('code-1', { accountId: 'alice', grantId: 'grant-1' }, 60);
  clock += 20_000;
  await codes.consume('code-1');
  const consumed = (await codes.find('code-1'))?.['consumed'];
  t.is(consumed, Math.floor(clock / 1000));
  t.is(stores.models.ttlOf('AuthorizationCode:code-1'), 40);
  clock += 1_000;
  await codes.consume('code-1');
  t.is((await codes.find('code-1'))?.['consumed'], consumed, 'a second consumption changes nothing');
});
