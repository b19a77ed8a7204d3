// Who may sign in, and as what. Passwords exist here only as scrypt hashes.

export type Role = 'customer' | 'admin';

export interface Account {
  accountId: string;
  name: string;
  role: Role;
  passwordHash: string;
}

export interface DemoAccount {
  username: string;
  password: string;
  role: Role;
}

/** Demo accounts of the local profile, unless AUTH_ACCOUNTS says otherwise ("user:password:role,..."). */
export const defaultAccounts: readonly DemoAccount[] = [
  { username: 'alice', password: 'alice123', role: 'customer' },
  { username: 'bob', password: 'bob123', role: 'customer' },
  // The tests' misbehaving customer: floods, guesses, attacks.
  { username: 'carol', password: 'carol123', role: 'customer' },
  { username: 'admin', password: 'admin123', role: 'admin' },
];

export function parseAccounts(spec: string): DemoAccount[] {
  return spec
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean)
    .map((entry) => {
      const [username, password, role] = entry.split(':');
      if (!username || !password || (role !== 'customer' && role !== 'admin')) {
        throw new Error(`AUTH_ACCOUNTS entry "${entry}" is not user:password:customer|admin`);
      }
      return { username, password, role };
    });
}

/** Where the system runs: "local" (a developer machine, the demo accounts) or "production". */
export type Profile = 'local' | 'production';

export function profileOf(value: string | undefined): Profile {
  return value === 'local' ? 'local' : 'production';
}

/**
 * Who may sign in. Locally, the demo accounts unless others are given. In
 * production the accounts must be given, and none may be a demo account
 * with its well-known password: the service refuses to start instead.
 */
export function accountsFor(profile: Profile, spec: string | undefined): DemoAccount[] {
  if (profile === 'local') return spec ? parseAccounts(spec) : [...defaultAccounts];
  if (!spec)
    throw new Error('production: AUTH_ACCOUNTS is required; the demo accounts exist in the local profile only');
  const accounts = parseAccounts(spec);
  const demo = accounts.find((a) =>
    defaultAccounts.some((d) => d.username === a.username && d.password === a.password),
  );
  if (demo) throw new Error(`production: account "${demo.username}" has its demo password; choose another`);
  return accounts;
}
