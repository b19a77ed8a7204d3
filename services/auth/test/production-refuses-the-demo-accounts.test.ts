import test from 'ava';
import { accountsFor, defaultAccounts, profileOf } from '../src/domain/accounts.ts';

test('the local profile has the demo accounts unless others are given', (t) => {
  t.deepEqual(accountsFor('local', undefined), [...defaultAccounts]);
  t.deepEqual(accountsFor('local', 'carol:secret-1:customer'), [
    { username: 'carol', password: 'secret-1', role: 'customer' },
  ]);
});

test('production refuses to start without accounts given', (t) => {
  t.throws(() => accountsFor('production', undefined), { message: /AUTH_ACCOUNTS is required/ });
});

test('production refuses a demo account with its demo password', (t) => {
  t.throws(() => accountsFor('production', 'carol:s3cret:customer,admin:admin123:admin'), {
    message: /"admin" has its demo password/,
  });
  t.deepEqual(accountsFor('production', 'admin:a-long-secret:admin'), [
    { username: 'admin', password: 'a-long-secret', role: 'admin' },
  ]);
});

test('anything but "local" is production', (t) => {
  t.is(profileOf('local'), 'local');
  for (const value of [undefined, '', 'production', 'LOCAL', 'dev']) t.is(profileOf(value), 'production');
});
