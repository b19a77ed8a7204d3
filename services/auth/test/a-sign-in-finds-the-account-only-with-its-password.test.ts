import test from 'ava';
import { makeAccountDirectory } from '../src/application/accounts.ts';
import { RecordingHasher } from './support/hasher.ts';

const demo = [
  { username: 'dana', password: 'dana-pw', role: 'customer' as const },
  { username: 'root', password: 'root-pw', role: 'admin' as const },
];

test('the right password signs in as the account, with its name and role', async (t) => {
  const accounts = await makeAccountDirectory(demo, new RecordingHasher());
  t.deepEqual(await accounts.authenticate('dana', 'dana-pw'), {
    accountId: 'dana',
    name: 'dana',
    role: 'customer',
    passwordHash: 'hashed:dana-pw',
  });
  t.is((await accounts.authenticate('root', 'root-pw'))?.role, 'admin');
});

test('a wrong password, or another account password, signs in as nobody', async (t) => {
  const accounts = await makeAccountDirectory(demo, new RecordingHasher());
  t.is(await accounts.authenticate('dana', 'wrong'), undefined);
  t.is(await accounts.authenticate('dana', 'root-pw'), undefined);
});

test('an unknown user is checked against a dummy hash, so it costs a verification like a known one', async (t) => {
  const hasher = new RecordingHasher();
  const accounts = await makeAccountDirectory(demo, hasher);
  t.is(await accounts.authenticate('mallory', 'dana-pw'), undefined);
  t.deepEqual(hasher.verified, ['hashed:not-a-password']);
  // Nobody signs in with the dummy's password either.
  t.is(await accounts.authenticate('mallory', 'not-a-password'), undefined);
});

test('an account is found by its id, and no other is', async (t) => {
  const accounts = await makeAccountDirectory(demo, new RecordingHasher());
  t.is(accounts.byId('root')?.name, 'root');
  t.is(accounts.byId('mallory'), undefined);
});
