import test from 'ava';
import { makeAccountDirectory } from '../src/application/accounts.ts';
import { accountsFor } from '../src/domain/accounts.ts';
import { RecordingHasher } from './support/hasher.ts';

// The README and the end-to-end suites sign in with these.
test('locally alice, bob and carol sign in as customers and admin as administrator, with the documented passwords', async (t) => {
  const accounts = await makeAccountDirectory(accountsFor('local', undefined), new RecordingHasher());
  const roles = [];
  for (const [username, password] of [
    ['alice', 'alice123'],
    ['bob', 'bob123'],
    ['carol', 'carol123'],
    ['admin', 'admin123'],
  ] as const) {
    roles.push([username, (await accounts.authenticate(username, password))?.role]);
  }
  t.deepEqual(roles, [
    ['alice', 'customer'],
    ['bob', 'customer'],
    ['carol', 'customer'],
    ['admin', 'admin'],
  ]);
});
