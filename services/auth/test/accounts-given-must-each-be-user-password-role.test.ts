import test from 'ava';
import { accountsFor, parseAccounts } from '../src/domain/accounts.ts';

test('entries are separated by commas, with spaces and empty entries ignored', (t) => {
  t.deepEqual(parseAccounts(' dana:pw-1:customer , ,root:pw-2:admin,'), [
    { username: 'dana', password: 'pw-1', role: 'customer' },
    { username: 'root', password: 'pw-2', role: 'admin' },
  ]);
});

test('an entry without a user, a password or a known role is refused, naming the entry', (t) => {
  for (const entry of [':pw:customer', 'dana::customer', 'dana:pw', 'dana:pw:owner']) {
    t.throws(() => parseAccounts(`root:pw-2:admin,${entry}`), {
      message: `AUTH_ACCOUNTS entry "${entry}" is not user:password:customer|admin`,
    });
  }
});

test('production takes the accounts given, even one whose password is a demo password of another user', (t) => {
  t.deepEqual(accountsFor('production', 'root:admin123:admin, dana:pw:customer'), [
    { username: 'root', password: 'admin123', role: 'admin' },
    { username: 'dana', password: 'pw', role: 'customer' },
  ]);
});

test('the refusal of a demo account names that account', (t) => {
  t.throws(() => accountsFor('production', 'root:pw:admin,bob:bob123:customer'), {
    message: 'production: account "bob" has its demo password; choose another',
  });
  t.throws(() => accountsFor('production', ''), {
    message: 'production: AUTH_ACCOUNTS is required; the demo accounts exist in the local profile only',
  });
});
