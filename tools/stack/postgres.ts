// PostgreSQL on loopback with its cluster under .data/postgres: every
// connection signs in with a password, and each app that keeps state in it has
// a role of its own owning only its own database.
import { existsSync } from 'node:fs';
import { chmod, chown, mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { capture } from '../lib/exec.ts';
import { say } from '../lib/log.ts';
import { dataDir } from '../lib/paths.ts';
import type { Runtime } from '../provision.ts';
import { appSecretsOf, type AdminSecrets, type AppSecretsById } from './secrets.ts';
import type { ProcessSpec } from './supervisor.ts';

export const postgresPort = 5433;

/** The operator's role. */
export const postgresUser = 'booking';
/**
 * Apps with a database of their own, and who signs in to it: payment's
 * sidecar (its state.postgresql component), reservation's sidecar (its
 * archive) or notice's app itself (its table of notices, indexed by customer).
 */
export const postgresClients = { payment: 'sidecar', reservation: 'sidecar', notice: 'app' } as const satisfies Record<
  string,
  'sidecar' | 'app'
>;
export const postgresDatabases = Object.keys(postgresClients) as Array<keyof typeof postgresClients>;
const postgresClientOf = (appId: string): 'sidecar' | 'app' | undefined =>
  (postgresClients as Record<string, 'sidecar' | 'app'>)[appId];
export const signsInToPostgres = (appId: string, client: 'sidecar' | 'app'): boolean =>
  postgresClientOf(appId) === client;

const postgresDir = join(dataDir, 'postgres');
const postgresData = join(postgresDir, 'data');

/** PostgreSQL refuses to run as root; then it runs as the `postgres` account. */
async function postgresAccount(): Promise<{ uid: number; gid: number } | undefined> {
  if (process.getuid?.() !== 0) return undefined;
  const uid = await capture('id', ['-u', 'postgres']);
  const gid = await capture('id', ['-g', 'postgres']);
  if (uid.code !== 0) throw new Error('running as root, and there is no `postgres` account to run PostgreSQL as');
  return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
}

export async function preparePostgres(runtime: Runtime, admin: AdminSecrets) {
  const account = await postgresAccount();
  await mkdir(postgresDir, { recursive: true });
  if (account) {
    await chown(postgresDir, account.uid, account.gid);
    // .data is its owner's alone (private-data.ts), but the postgres account must pass through it to
    // its cluster: its group, and only it, may enter .data (search, not list); it finds only its own folder.
    await chown(dataDir, process.getuid?.() ?? 0, account.gid);
    await chmod(dataDir, 0o710);
  }
  if (existsSync(join(postgresData, 'PG_VERSION'))) return account;
  say('postgres', 'initialising a cluster in .data/postgres');
  const pwfile = join(postgresDir, 'initdb-password');
  await writeFile(pwfile, admin.postgres, { mode: 0o600 });
  if (account) await chown(pwfile, account.uid, account.gid);
  const result = await capture(
    join(runtime.postgresBin, 'initdb'),
    // Every connection, local socket included, needs a password.
    ['-D', postgresData, '-U', postgresUser, `--pwfile=${pwfile}`, '--auth=scram-sha-256', '-E', 'UTF8', '--locale=C'],
    account ?? {},
  );
  await rm(pwfile, { force: true });
  if (result.code !== 0) throw new Error(`initdb failed: ${result.stderr || result.stdout}`);
  return account;
}

export function postgresSpec(
  runtime: Runtime,
  account: { uid: number; gid: number } | undefined,
  options: { commitsAsynchronously?: boolean } = {},
): ProcessSpec {
  // The proving fault only (infra.ts): a commit is answered before its WAL is written, which the WAL
  // writer does at its leisure (at most every 10 s, or when a page of WAL is full).
  const asynchronous = options.commitsAsynchronously
    ? ['-c', 'synchronous_commit=off', '-c', 'wal_writer_delay=10000']
    : [];
  return {
    name: 'postgres',
    command: join(runtime.postgresBin, 'postgres'),
    args: [
      '-D',
      postgresData,
      '-p',
      String(postgresPort),
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      `unix_socket_directories=${postgresDir}`,
      // PostgreSQL sets its socket's mode itself (0777 unless said), whatever the umask.
      '-c',
      'unix_socket_permissions=0700',
      '-c',
      'shared_buffers=64MB',
      '-c',
      'max_connections=200',
      ...asynchronous,
    ],
    ...(account ?? {}),
    ready: async () =>
      (await capture(join(runtime.postgresBin, 'pg_isready'), ['-q', '-h', '127.0.0.1', '-p', String(postgresPort)]))
        .code === 0,
    // SIGINT is PostgreSQL's "fast" shutdown.
    stopSignal: 'SIGINT',
    stopTimeoutMs: 20_000,
  };
}

/** Connection string of an app's own role on its own database. */
export function postgresConnection(appId: string, password: string): string {
  return `host=127.0.0.1 port=${postgresPort} user=${appId} password=${password} dbname=${appId} sslmode=disable`;
}

/**
 * One role per app, owning only its database: it may connect to no other
 * (CONNECT is revoked from PUBLIC) and its password is set at every start, so
 * a rotated one takes effect. Tables an earlier version created as the
 * operator are handed to the app's role.
 */
export async function ensureDatabases(runtime: Runtime, admin: AdminSecrets, apps: AppSecretsById): Promise<void> {
  const env = { ...process.env, PGPASSWORD: admin.postgres };
  const psql = async (database: string, sql: string) => {
    const result = await capture(
      join(runtime.postgresBin, 'psql'),
      [
        '-h',
        '127.0.0.1',
        '-p',
        String(postgresPort),
        '-U',
        postgresUser,
        '-d',
        database,
        '-v',
        'ON_ERROR_STOP=1',
        '-tAc',
        sql,
      ],
      { env },
    );
    if (result.code !== 0) throw new Error(`psql on ${database} failed: ${result.stderr}`);
    return result.stdout.trim();
  };
  // No app role may connect to the maintenance databases either.
  await psql(
    'postgres',
    'REVOKE CONNECT ON DATABASE postgres FROM PUBLIC; REVOKE CONNECT ON DATABASE template1 FROM PUBLIC',
  );
  for (const db of postgresDatabases) {
    const password = appSecretsOf(apps, db).postgres;
    const role = await psql('postgres', `SELECT 1 FROM pg_roles WHERE rolname = '${db}'`);
    await psql('postgres', `${role === '1' ? 'ALTER' : 'CREATE'} ROLE ${db} LOGIN PASSWORD '${password}'`);
    if ((await psql('postgres', `SELECT 1 FROM pg_database WHERE datname = '${db}'`)) !== '1') {
      await psql('postgres', `CREATE DATABASE ${db} OWNER ${db}`);
      say('postgres', `created database ${db}`);
    }
    await psql('postgres', `ALTER DATABASE ${db} OWNER TO ${db}; REVOKE ALL ON DATABASE ${db} FROM PUBLIC`);
    await psql(
      db,
      `DO $$ DECLARE t record; BEGIN FOR t IN SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tableowner <> '${db}' LOOP EXECUTE format('ALTER TABLE public.%I OWNER TO ${db}', t.tablename); END LOOP; END $$`,
    );
  }
}
