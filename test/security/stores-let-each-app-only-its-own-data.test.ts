// Redis and PostgreSQL spoken to directly: without credentials, with a wrong
// password, and with one app's credentials against another app's data.
import { execFile } from 'node:child_process';
import { connect } from 'node:net';
import { promisify } from 'node:util';
import test from 'ava';
import { Redis } from 'ioredis';
import { appSecrets } from '../support/operator.ts';
import { infra } from '../support/stack.ts';
import { failure, refused } from './support/attacks.ts';

const run = promisify(execFile);

function redisAs(username: string, password: string, db: number): Redis {
  return new Redis({ port: infra.redisPort, db, username, password, lazyConnect: true, maxRetriesPerRequest: 0 });
}

/** What Redis answers a command sent on a fresh connection, without signing in. */
function anonymousCommand(command: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect({ port: infra.redisPort, host: '127.0.0.1' });
    socket.once('connect', () => socket.write(`${command}\r\n`));
    socket.once('data', (data) => {
      socket.destroy();
      resolve(data.toString().trim());
    });
    socket.once('error', reject);
  });
}

test('Redis refuses a client without credentials or with a wrong password', async (t) => {
  for (const command of ['GET reservation||x', 'HGETALL mypage:alice', 'KEYS *', 'FLUSHALL', 'CONFIG GET *']) {
    const answer = await anonymousCommand(command);
    refused(t, `Redis ${command.split(' ')[0]} without credentials`, answer.startsWith('-NOAUTH'), answer);
  }
  for (const username of ['default', 'admin', 'reservation', 'roominfo']) {
    const answer = await anonymousCommand(`AUTH ${username} guessed`);
    refused(t, `Redis sign-in as ${username} with a guessed password`, answer.startsWith('-WRONGPASS'), answer);
  }
});

test("each app's Redis user touches only its own keys, and nothing administrative", async (t) => {
  const users = {
    reservation: { db: 0, others: ['mypage:alice', 'roominfo:stats', 'anything'] },
    roominfo: { db: 1, others: ['reservation||reservation:RSV-1', 'anything'] },
  } as const;
  for (const [app, { db, others }] of Object.entries(users)) {
    const redis = redisAs(app, appSecrets(app as 'reservation' | 'roominfo').redis, db);
    await redis.connect();
    try {
      for (const key of others) {
        for (const [what, attempt] of [
          ['reads', () => redis.get(key)],
          ['writes', () => redis.set(key, 'forged')],
          ['deletes', () => redis.del(key)],
        ] as const) {
          const error = await failure(attempt());
          refused(t, `${app} ${what} ${key}`, /NOPERM/.test(error ?? ''), error);
        }
      }
      for (const [what, attempt] of [
        ['lists every key (KEYS)', () => redis.keys('*')],
        ['scans every key', () => redis.scan('0')],
        ['flushes everything', () => redis.flushall()],
        ['reads the configuration', () => redis.config('GET', '*')],
        ['lists the users', () => redis.call('ACL', 'LIST')],
        ['swaps databases', () => redis.call('SWAPDB', '0', '1')],
        [
          "runs a script on another app's key",
          () => redis.eval("return redis.call('GET', KEYS[1])", 1, others[0] ?? ''),
        ],
      ] as const) {
        const error = await failure(attempt());
        refused(t, `${app} ${what}`, /NOPERM/.test(error ?? ''), error);
      }
    } finally {
      redis.disconnect();
    }
  }
});

async function psqlAs(user: string, password: string, database: string): Promise<string | undefined> {
  return failure(
    run(
      'psql',
      [
        '-h',
        '127.0.0.1',
        '-p',
        String(infra.postgresPort),
        '-U',
        user,
        '-d',
        database,
        '-w',
        '-tAc',
        'SELECT count(*) FROM pg_tables',
      ],
      {
        env: { ...process.env, PGPASSWORD: password, PGCONNECT_TIMEOUT: '5' },
      },
    ),
  );
}

test("PostgreSQL refuses a client without a password, a wrong password, and one app's role on the other's database", async (t) => {
  const payment = appSecrets('payment').postgres;
  const notice = appSecrets('notice').postgres;
  for (const [attack, user, password, database] of [
    ['payment without a password', 'payment', '', 'payment'],
    ['payment with a guessed password', 'payment', 'guessed', 'payment'],
    ['the operator role with a guessed password', 'booking', 'guessed', 'postgres'],
    ['the postgres role without a password', 'postgres', '', 'postgres'],
    ["notice's role on payment's database", 'notice', notice, 'payment'],
    ["payment's role on notice's database", 'payment', payment, 'notice'],
    ["payment's role on the maintenance database", 'payment', payment, 'postgres'],
    ["payment's password for notice's role", 'notice', payment, 'notice'],
  ] as const) {
    const error = await psqlAs(user, password, database);
    refused(t, `PostgreSQL: ${attack}`, /password|permission denied|authentication failed/i.test(error ?? ''), error);
  }
  // The control: each role reaches its own database.
  t.is(await psqlAs('payment', payment, 'payment'), undefined);
  t.is(await psqlAs('notice', notice, 'notice'), undefined);
});
