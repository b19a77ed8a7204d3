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

/** Demo accounts, unless AUTH_ACCOUNTS says otherwise ("user:password:role,..."). */
export const defaultAccounts: readonly DemoAccount[] = [
  { username: 'alice', password: 'alice123', role: 'customer' },
  { username: 'bob', password: 'bob123', role: 'customer' },
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
