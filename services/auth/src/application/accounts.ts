import type { Account, DemoAccount } from '../domain/accounts.ts';

export interface PasswordHasher {
  hash(password: string): Promise<string>;
  verify(password: string, hash: string): Promise<boolean>;
}

export interface AccountDirectory {
  byId(accountId: string): Account | undefined;
  /** The account when the password is right; undefined otherwise, with the same cost either way. */
  authenticate(username: string, password: string): Promise<Account | undefined>;
}

export async function makeAccountDirectory(
  demo: readonly DemoAccount[],
  hasher: PasswordHasher,
): Promise<AccountDirectory> {
  const accounts = new Map<string, Account>();
  for (const { username, password, role } of demo) {
    accounts.set(username, { accountId: username, name: username, role, passwordHash: await hasher.hash(password) });
  }
  // Unknown users are checked against a dummy hash so timing does not tell who exists.
  const dummy = await hasher.hash('not-a-password');
  return {
    byId: (accountId) => accounts.get(accountId),
    async authenticate(username, password) {
      const account = accounts.get(username);
      const ok = await hasher.verify(password, account?.passwordHash ?? dummy);
      return ok && account ? account : undefined;
    },
  };
}
