import test from 'ava';
import { storedAdapters } from '../src/adapters/oidc-store.ts';
import { inMemoryStores } from './support/stores.ts';

test("revoking a grant destroys that model's documents of the grant, and no other grant's", async (t) => {
  const stores = inMemoryStores();
  const adapters = storedAdapters(stores);
  const codes = adapters('AuthorizationCode');
  const refresh = adapters('RefreshToken');
  await Promise.all([
    codes.upsert('code-1', { grantId: 'grant-1' }, 60),
    codes.upsert('code-2', { grantId: 'grant-1' }, 60),
    codes.upsert('code-3', { grantId: 'grant-2' }, 60),
    refresh.upsert('refresh-1', { grantId: 'grant-1' }, 600),
  ]);
  await codes.revokeByGrantId('grant-1');
  t.is(await codes.find('code-1'), undefined);
  t.is(await codes.find('code-2'), undefined);
  t.truthy(await codes.find('code-3'), "another grant's code stays");
  t.truthy(await refresh.find('refresh-1'), 'the refresh token goes when its own model revokes the grant');
  await refresh.revokeByGrantId('grant-1');
  t.is(await refresh.find('refresh-1'), undefined);
  t.is(stores.grants.ttlOf('grant:grant-1'), 600, "the grant's list lives as long as its longest-lived document");
});
