// The stack's Redis: reservation's state store (through its sidecar), the
// roominfo read model and the gateway's limiters, each app a user of its own
// limited to its own keys. The append-only file is the only persistence (no
// snapshots), replayed at every start.
import { mkdir, writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { join } from 'node:path';
import { dataDir } from '../lib/paths.ts';
import type { Runtime } from '../provision.ts';
import { appSecretsOf, type AdminSecrets, type AppSecretsById } from './secrets.ts';
import type { ProcessSpec } from './supervisor.ts';

export const redisPort = 6380;
const redisDir = join(dataDir, 'redis');
const redisAclFile = join(redisDir, 'users.acl');

/**
 * Redis users and what each may touch: its own keys only, no command that
 * reads other keys' names (KEYS, SCAN, RANDOMKEY), nothing administrative.
 */
export const redisUsers: Record<string, { keys: readonly string[]; client: 'sidecar' | 'app' }> = {
  // Through its sidecar's state.redis component, whose keys are "<appId>||<key>".
  reservation: { keys: ['reservation||*'], client: 'sidecar' },
  // oidc-provider's sessions and grants, through its sidecar's state.redis component.
  auth: { keys: ['auth||*'], client: 'sidecar' },
  // The read model, through ioredis.
  roominfo: { keys: ['mypage:*', 'roominfo:*'], client: 'app' },
  // The ingress's rate limiters, shared by its replicas.
  gateway: { keys: ['ratelimit:*'], client: 'app' },
};

const appCommands = [
  '-@all',
  '+@read',
  '+@write',
  '+@transaction',
  '+@connection',
  '+@scripting',
  '-@dangerous',
  '-@admin',
  '-function',
  '-scan',
  '-randomkey',
  '+info',
  '+select',
  '+client|setname',
].join(' ');

/**
 * The ACL file: the operator, and each app user limited to its own keys (also
 * the cluster's, k8s:prepare).
 *
 * The default user is off and has no password: no connection can act as it,
 * and one that has not signed in may do nothing but sign in. It keeps every
 * permission all the same, because Redis replays the append-only file at start
 * as the default user and checks each transaction's commands against that
 * user's permissions again at EXEC (redis/redis#14541, valkey-io/valkey#3983):
 * a default user without them has every MULTI/EXEC of the file refused, and
 * with it everything Dapr's state.redis and ioredis wrote in transactions.
 */
export function redisAcl(adminPassword: string, passwordOf: (appId: string) => string): string {
  const lines = ['user default off resetpass ~* &* +@all', `user admin on >${adminPassword} ~* &* +@all`];
  for (const [appId, { keys: patterns }] of Object.entries(redisUsers)) {
    const keys = patterns.map((pattern) => `~${pattern}`).join(' ');
    lines.push(`user ${appId} on >${passwordOf(appId)} resetkeys ${keys} resetchannels ${appCommands}`);
  }
  return `${lines.join('\n')}\n`;
}

/**
 * Writes the ACL file redis-server reads at start. `replaysTransactions: false`
 * is a chaos proof's fault only: the default user as it was before the fix,
 * without rights, so that a restart drops every transaction of the file.
 */
export async function writeRedisAcl(
  admin: AdminSecrets,
  apps: AppSecretsById,
  options: { replaysTransactions: boolean } = { replaysTransactions: true },
): Promise<void> {
  await mkdir(redisDir, { recursive: true, mode: 0o700 });
  const acl = redisAcl(admin.redis, (appId) => appSecretsOf(apps, appId).redis);
  const written = options.replaysTransactions ? acl : acl.replace(/^user default .*$/m, 'user default off');
  await writeFile(redisAclFile, written, { mode: 0o600 });
}

/**
 * How the stack runs redis-server: loopback only, users from the ACL file,
 * every write appended to the file (written before the client is answered,
 * flushed to disk every second), no snapshots.
 */
export function redisServerArgs(options: { port: number; dir: string; aclFile: string }): string[] {
  return [
    '--port',
    String(options.port),
    '--bind',
    '127.0.0.1',
    '--dir',
    options.dir,
    '--aclfile',
    options.aclFile,
    '--appendonly',
    'yes',
    '--appendfsync',
    'everysec',
    '--save',
    '',
    '--daemonize',
    'no',
    '--maxmemory',
    '256mb',
  ];
}

/** True when the operator can sign in and the server answers PING (it answers only once the file is replayed). */
export function redisPing(port: number, adminPassword: string): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ port, host: '127.0.0.1' });
    socket.setTimeout(1000);
    socket.once('connect', () => socket.write(`AUTH admin ${adminPassword}\r\nPING\r\n`));
    let answer = '';
    socket.on('data', (data) => {
      answer += data.toString();
      if (answer.includes('\r\n+PONG') || answer.includes('-')) {
        socket.destroy();
        resolve(answer.startsWith('+OK\r\n+PONG'));
      }
    });
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(false));
  });
}

export function redisSpec(runtime: Runtime, admin: AdminSecrets): ProcessSpec {
  return {
    name: 'redis',
    command: runtime.redisServer,
    args: redisServerArgs({ port: redisPort, dir: redisDir, aclFile: redisAclFile }),
    ready: () => redisPing(redisPort, admin.redis),
    stopTimeoutMs: 10_000,
  };
}
