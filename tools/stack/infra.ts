// Kafka (KRaft, single node), Redis and PostgreSQL on loopback, with their data
// under .data/. Ports are fixed because the Dapr components in components/ name them.
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chown, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { Kafka, logLevel } from 'kafkajs';
import { parseAllDocuments } from 'yaml';
import { join } from 'node:path';
import { capture } from '../lib/exec.ts';
import { say } from '../lib/log.ts';
import { dataDir, repoRoot } from '../lib/paths.ts';
import type { Runtime } from '../provision.ts';
import { logSinceStart, type ProcessSpec, type Supervisor } from './supervisor.ts';

export const ports = {
  kafka: 9092,
  kafkaController: 9093,
  redis: 6380,
  postgres: 5433,
} as const;

export const postgresUser = 'booking';
/** One database per service that keeps its state in PostgreSQL. */
export const postgresDatabases = ['payment', 'notice'] as const;

/** Resolves true when something accepts TCP connections on the port. */
export function listening(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ port, host });
    socket.setTimeout(1000);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(false));
  });
}

// --- Kafka -------------------------------------------------------------------

const kafkaDir = join(dataDir, 'kafka');

function kafkaProperties(): string {
  return [
    'process.roles=broker,controller',
    'node.id=1',
    `controller.quorum.voters=1@127.0.0.1:${ports.kafkaController}`,
    `listeners=PLAINTEXT://127.0.0.1:${ports.kafka},CONTROLLER://127.0.0.1:${ports.kafkaController}`,
    `advertised.listeners=PLAINTEXT://127.0.0.1:${ports.kafka}`,
    'controller.listener.names=CONTROLLER',
    'listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT',
    'inter.broker.listener.name=PLAINTEXT',
    `log.dirs=${join(kafkaDir, 'logs')}`,
    // Several partitions per topic so replicas of a consumer share the work.
    'num.partitions=4',
    'default.replication.factor=1',
    'offsets.topic.replication.factor=1',
    'offsets.topic.num.partitions=8',
    'transaction.state.log.replication.factor=1',
    'transaction.state.log.min.isr=1',
    'group.initial.rebalance.delay.ms=0',
    'auto.create.topics.enable=true',
    'log.retention.hours=168',
    '',
  ].join('\n');
}

const kafkaLog4j = [
  'log4j.rootLogger=INFO, stdout',
  'log4j.appender.stdout=org.apache.log4j.ConsoleAppender',
  'log4j.appender.stdout.layout=org.apache.log4j.PatternLayout',
  'log4j.appender.stdout.layout.ConversionPattern=[%d] %p %m (%c)%n',
  'log4j.logger.kafka=INFO',
  'log4j.logger.org.apache.kafka=WARN',
  'log4j.logger.state.change.logger=WARN',
  '',
].join('\n');

async function prepareKafka(runtime: Runtime): Promise<string> {
  await mkdir(join(kafkaDir, 'logs'), { recursive: true });
  const config = join(kafkaDir, 'server.properties');
  await writeFile(config, kafkaProperties());
  await writeFile(join(kafkaDir, 'log4j.properties'), kafkaLog4j);
  if (!existsSync(join(kafkaDir, 'logs', 'meta.properties'))) {
    // A KRaft cluster id is 16 random bytes in URL-safe base64.
    const clusterId = randomBytes(16).toString('base64url');
    say('kafka', `formatting storage (cluster ${clusterId})`);
    const result = await capture('java', [
      '-cp',
      join(runtime.kafkaLibs, '*'),
      `-Dlog4j.configuration=file:${join(kafkaDir, 'log4j.properties')}`,
      'kafka.tools.StorageTool',
      'format',
      '-t',
      clusterId,
      '-c',
      config,
    ]);
    if (result.code !== 0) throw new Error(`kafka storage format failed: ${result.stderr || result.stdout}`);
  }
  return config;
}

export function kafkaSpec(runtime: Runtime, config: string): ProcessSpec {
  return {
    name: 'kafka',
    command: 'java',
    args: [
      '-Xms128m',
      '-Xmx384m',
      '-XX:+UseG1GC',
      '-XX:MaxGCPauseMillis=20',
      '-Djava.awt.headless=true',
      `-Dlog4j.configuration=file:${join(kafkaDir, 'log4j.properties')}`,
      '-cp',
      join(runtime.kafkaLibs, '*'),
      'kafka.Kafka',
      config,
    ],
    ready: async () =>
      (await listening(ports.kafka)) && (await logSinceStart('kafka')).includes('Kafka Server started'),
    readyTimeoutMs: 90_000,
    stopTimeoutMs: 30_000,
  };
}

// --- Redis -------------------------------------------------------------------

function redisPing(): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ port: ports.redis, host: '127.0.0.1' });
    socket.setTimeout(1000);
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.once('data', (data) => {
      socket.destroy();
      resolve(data.toString().startsWith('+PONG'));
    });
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(false));
  });
}

export function redisSpec(runtime: Runtime): ProcessSpec {
  const dir = join(dataDir, 'redis');
  return {
    name: 'redis',
    command: runtime.redisServer,
    args: [
      '--port',
      String(ports.redis),
      '--bind',
      '127.0.0.1',
      '--dir',
      dir,
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
    ],
    ready: redisPing,
    stopTimeoutMs: 10_000,
  };
}

// --- PostgreSQL ----------------------------------------------------------------

const postgresDir = join(dataDir, 'postgres');
const postgresData = join(postgresDir, 'data');
const postgresPasswordFile = join(dataDir, 'postgres-password');

/** PostgreSQL refuses to run as root; then it runs as the `postgres` account. */
async function postgresAccount(): Promise<{ uid: number; gid: number } | undefined> {
  if (process.getuid?.() !== 0) return undefined;
  const uid = await capture('id', ['-u', 'postgres']);
  const gid = await capture('id', ['-g', 'postgres']);
  if (uid.code !== 0) throw new Error('running as root, and there is no `postgres` account to run PostgreSQL as');
  return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
}

export async function postgresPassword(): Promise<string> {
  if (!existsSync(postgresPasswordFile)) {
    await mkdir(dataDir, { recursive: true });
    await writeFile(postgresPasswordFile, randomBytes(12).toString('hex'), { mode: 0o600 });
  }
  return (await readFile(postgresPasswordFile, 'utf8')).trim();
}

async function preparePostgres(runtime: Runtime): Promise<{ uid: number; gid: number } | undefined> {
  const account = await postgresAccount();
  await mkdir(postgresDir, { recursive: true });
  if (account) await chown(postgresDir, account.uid, account.gid);
  if (existsSync(join(postgresData, 'PG_VERSION'))) return account;
  say('postgres', 'initialising a cluster in .data/postgres');
  const password = await postgresPassword();
  const pwfile = join(postgresDir, 'initdb-password');
  await writeFile(pwfile, password, { mode: 0o600 });
  if (account) await chown(pwfile, account.uid, account.gid);
  const result = await capture(
    join(runtime.postgresBin, 'initdb'),
    ['-D', postgresData, '-U', postgresUser, `--pwfile=${pwfile}`, '--auth=scram-sha-256', '-E', 'UTF8', '--locale=C'],
    account ?? {},
  );
  await rm(pwfile, { force: true });
  if (result.code !== 0) throw new Error(`initdb failed: ${result.stderr || result.stdout}`);
  return account;
}

export function postgresSpec(runtime: Runtime, account: { uid: number; gid: number } | undefined): ProcessSpec {
  return {
    name: 'postgres',
    command: join(runtime.postgresBin, 'postgres'),
    args: [
      '-D',
      postgresData,
      '-p',
      String(ports.postgres),
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      `unix_socket_directories=${postgresDir}`,
      '-c',
      'shared_buffers=64MB',
      '-c',
      'max_connections=200',
    ],
    ...(account ?? {}),
    ready: async () =>
      (await capture(join(runtime.postgresBin, 'pg_isready'), ['-q', '-h', '127.0.0.1', '-p', String(ports.postgres)]))
        .code === 0,
    // SIGINT is PostgreSQL's "fast" shutdown.
    stopSignal: 'SIGINT',
    stopTimeoutMs: 20_000,
  };
}

async function ensureDatabases(runtime: Runtime): Promise<void> {
  const env = { ...process.env, PGPASSWORD: await postgresPassword() };
  const psql = (sql: string) =>
    capture(
      join(runtime.postgresBin, 'psql'),
      ['-h', '127.0.0.1', '-p', String(ports.postgres), '-U', postgresUser, '-d', 'postgres', '-tAc', sql],
      { env },
    );
  for (const db of postgresDatabases) {
    const exists = await psql(`SELECT 1 FROM pg_database WHERE datname = '${db}'`);
    if (exists.code !== 0) throw new Error(`psql failed: ${exists.stderr}`);
    if (exists.stdout.trim() !== '1') {
      const created = await psql(`CREATE DATABASE ${db}`);
      if (created.code !== 0) throw new Error(`CREATE DATABASE ${db} failed: ${created.stderr}`);
      say('postgres', `created database ${db}`);
    }
  }
}

/**
 * Creates every topic the system uses, with its partitions, before anyone
 * publishes or subscribes: the event topics and each subscription's
 * dead-letter topic (from components/subscriptions.yaml). Idempotent.
 */
async function createTopics(): Promise<void> {
  const text = await readFile(join(repoRoot, 'components', 'subscriptions.yaml'), 'utf8');
  const names = new Set<string>();
  for (const doc of parseAllDocuments(text)) {
    const spec = (doc.toJSON() as { spec?: { topic?: string; deadLetterTopic?: string } } | null)?.spec;
    if (spec?.topic) names.add(spec.topic);
    if (spec?.deadLetterTopic) names.add(spec.deadLetterTopic);
  }
  names.add('RoomRegistered');
  const admin = new Kafka({
    clientId: 'roomstay-launcher',
    brokers: [`127.0.0.1:${ports.kafka}`],
    logLevel: logLevel.NOTHING,
  }).admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const missing = [...names].filter((n) => !existing.has(n));
    if (missing.length) {
      await admin.createTopics({
        topics: missing.map((topic) => ({ topic, numPartitions: 4, replicationFactor: 1 })),
        waitForLeaders: true,
      });
      say('kafka', `created ${missing.length} topics`);
    }
  } finally {
    await admin.disconnect();
  }
}

/** Starts the three servers in parallel and prepares what the components expect. */
export async function startInfra(supervisor: Supervisor, runtime: Runtime): Promise<void> {
  const started = Date.now();
  await mkdir(join(dataDir, 'redis'), { recursive: true });
  await Promise.all([
    prepareKafka(runtime)
      .then((config) => supervisor.start(kafkaSpec(runtime, config)))
      .then(createTopics),
    supervisor.start(redisSpec(runtime)),
    preparePostgres(runtime)
      .then((account) => supervisor.start(postgresSpec(runtime, account)))
      .then(() => ensureDatabases(runtime)),
  ]);
  say('stack', `kafka, redis and postgres up in ${((Date.now() - started) / 1000).toFixed(1)}s`);
}
