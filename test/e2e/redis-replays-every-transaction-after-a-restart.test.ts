// The stack's Redis, as the stack configures it (its ACL file and flags), on a
// port and folder of this test's own: what apps wrote in transactions, as
// Dapr's state.redis and ioredis do, is all there after Redis restarts, killed
// or stopped; and still nobody acts without signing in as a user of their own.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test, { type ExecutionContext } from 'ava';
import { Redis } from 'ioredis';
import { redisAcl, redisPing, redisServerArgs } from '../../tools/stack/redis.ts';

const server = process.env['ROOMSTAY_REDIS'] ?? 'redis-server';
const adminPassword = 'admin-secret';
const appPassword = 'app-secret';

async function freePort(): Promise<number> {
  const probe = createServer();
  probe.listen(0, '127.0.0.1');
  await once(probe, 'listening');
  const address = probe.address();
  probe.close();
  if (typeof address !== 'object' || !address) throw new Error('no free port');
  return address.port;
}

/** A folder, an ACL file as the stack writes it, and a free port: the stack's redis-server flags for them. */
async function ownRedis(t: ExecutionContext): Promise<{ port: number; args: string[] }> {
  const dir = await mkdtemp(join(tmpdir(), 'roomstay-redis-'));
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  const aclFile = join(dir, 'users.acl');
  await writeFile(
    aclFile,
    redisAcl(adminPassword, () => appPassword),
    { mode: 0o600 },
  );
  const port = await freePort();
  return { port, args: redisServerArgs({ port, dir, aclFile }) };
}

async function startRedis(args: string[], port: number): Promise<ChildProcess> {
  const child = spawn(server, args, { stdio: 'ignore' });
  const deadline = Date.now() + 30_000;
  while (!(await redisPing(port, adminPassword))) {
    if (child.exitCode !== null) throw new Error(`redis-server exited with ${child.exitCode}`);
    if (Date.now() > deadline) throw new Error('redis-server did not answer within 30 s');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return child;
}

async function stop(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  const exited = once(child, 'exit');
  child.kill(signal);
  await exited;
}

const signIn = (port: number, username: string, password: string) =>
  new Redis({ port, host: '127.0.0.1', username, password, lazyConnect: true, retryStrategy: () => null });

/** Sends inline commands on a connection that never signs in; resolves with one reply line per command. */
function unauthenticated(port: number, commands: string[]): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const socket = connect({ port, host: '127.0.0.1' });
    let text = '';
    socket.once('connect', () => socket.write(commands.map((c) => `${c}\r\n`).join('')));
    socket.on('data', (data) => {
      text += data.toString();
      const lines = text.split('\r\n').filter(Boolean);
      if (lines.length >= commands.length) {
        socket.destroy();
        resolve(lines);
      }
    });
    socket.once('error', reject);
  });
}

/** What reservation's sidecar does for a transaction: MULTI, a script per key (state.redis), EXEC. */
async function writeLikeDapr(client: Redis, n: number): Promise<void> {
  const setScript = "redis.call('HSET', KEYS[1], 'data', ARGV[1], 'version', ARGV[2]) return 1";
  for (let i = 0; i < n; i++) {
    const answers = await client
      .multi()
      .eval(setScript, 1, `reservation||reservation:${i}`, JSON.stringify({ n: i }), '1')
      .eval(setScript, 1, `reservation||night:${i}`, JSON.stringify({ reservationId: String(i) }), '1')
      .exec();
    if (!answers || answers.some(([error]) => error)) throw new Error(`transaction ${i} failed`);
  }
}

/** What roominfo does: a MULTI/EXEC through ioredis of plain commands. */
async function writeLikeRoominfo(client: Redis, n: number): Promise<void> {
  for (let i = 0; i < n; i++) {
    await client.multi().hset(`roominfo:r${i}`, 'status', 'completed').zadd('mypage:alice', i, `r${i}`).exec();
  }
}

async function count(port: number): Promise<{ dapr: number; roominfo: number; mypage: number }> {
  const admin = signIn(port, 'admin', adminPassword);
  try {
    await admin.connect();
    const dapr = (await admin.keys('reservation||*')).length;
    const roominfo = (await admin.keys('roominfo:*')).length;
    const mypage = await admin.zcard('mypage:alice');
    return { dapr, roominfo, mypage };
  } finally {
    admin.disconnect();
  }
}

test('every transaction written before Redis is killed or stopped is there after it starts again', async (t) => {
  const { port, args } = await ownRedis(t);
  let redis = await startRedis(args, port);
  t.teardown(() => redis.kill('SIGKILL'));

  const reservation = signIn(port, 'reservation', appPassword);
  const roominfo = signIn(port, 'roominfo', appPassword);
  await Promise.all([reservation.connect(), roominfo.connect()]);
  await writeLikeDapr(reservation, 200);
  await writeLikeRoominfo(roominfo, 100);
  reservation.disconnect();
  roominfo.disconnect();
  const written = { dapr: 400, roominfo: 100, mypage: 100 };
  t.deepEqual(await count(port), written, 'all written before the restart');

  for (const signal of ['SIGKILL', 'SIGTERM'] as const) {
    await stop(redis, signal);
    redis = await startRedis(args, port);
    t.deepEqual(await count(port), written, `all there after ${signal}`);
  }
});

test('no connection acts as the default user, with or without a password', async (t) => {
  const { port, args } = await ownRedis(t);
  const redis = await startRedis(args, port);
  t.teardown(() => redis.kill('SIGKILL'));

  const answers = await unauthenticated(port, [
    'SET reservation||x 1',
    'AUTH default ""',
    `AUTH default ${appPassword}`,
    'GET reservation||x',
  ]);
  t.regex(answers[0] ?? '', /^-NOAUTH/, 'a command without signing in');
  t.regex(answers[1] ?? '', /^-WRONGPASS/, 'the default user without a password');
  t.regex(answers[2] ?? '', /^-WRONGPASS/, 'the default user with a password');
  t.regex(answers[3] ?? '', /^-NOAUTH/, 'still not signed in');

  const roominfo = signIn(port, 'roominfo', appPassword);
  await roominfo.connect();
  await t.throwsAsync(roominfo.get('reservation||reservation:1'), { message: /NOPERM/ });
  roominfo.disconnect();
});
