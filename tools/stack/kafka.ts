// Kafka in KRaft mode, a single node on loopback, with its data under
// .data/kafka: SASL/SCRAM users (the operator and one per app) and ACLs that
// allow each app exactly the topics its pub/sub scopes name.
import { createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import kafkajs, {
  Kafka,
  logLevel,
  type AclEntry,
  type AclOperationTypes as AclOperation,
  type AclResourceTypes as AclResource,
} from 'kafkajs';
import { capture } from '../lib/exec.ts';
import { say } from '../lib/log.ts';
import { dataDir } from '../lib/paths.ts';
import type { Runtime } from '../provision.ts';
import { listening } from './health.ts';
import type { PubsubScopes } from './pubsub-scopes.ts';
import { appSecretsOf, type AdminSecrets, type AppSecretsById } from './secrets.ts';
import { logSinceStart, type ProcessSpec } from './supervisor.ts';

export const kafkaPorts = { client: 9092, controller: 9093 } as const;

// kafkajs is CommonJS; Node finds these enums only on its default export.
const { AclOperationTypes, AclPermissionTypes, AclResourceTypes, ResourcePatternTypes } = kafkajs;

const kafkaDir = join(dataDir, 'kafka');
export const kafkaAdminUser = 'admin';

function kafkaProperties(admin: AdminSecrets): string {
  const scram = `org.apache.kafka.common.security.scram.ScramLoginModule required username="${kafkaAdminUser}" password="${admin.kafka}";`;
  const plain = `org.apache.kafka.common.security.plain.PlainLoginModule required username="${kafkaAdminUser}" password="${admin.kafka}" user_${kafkaAdminUser}="${admin.kafka}";`;
  return [
    'process.roles=broker,controller',
    'node.id=1',
    `controller.quorum.voters=1@127.0.0.1:${kafkaPorts.controller}`,
    `listeners=CLIENT://127.0.0.1:${kafkaPorts.client},CONTROLLER://127.0.0.1:${kafkaPorts.controller}`,
    `advertised.listeners=CLIENT://127.0.0.1:${kafkaPorts.client}`,
    'controller.listener.names=CONTROLLER',
    'inter.broker.listener.name=CLIENT',
    // Both listeners authenticate: clients with SCRAM (users live in the
    // cluster metadata), the controller listener with PLAIN for the operator
    // only (SCRAM users cannot exist before the metadata they are kept in).
    'listener.security.protocol.map=CONTROLLER:SASL_PLAINTEXT,CLIENT:SASL_PLAINTEXT',
    'sasl.enabled.mechanisms=SCRAM-SHA-512',
    'sasl.mechanism.inter.broker.protocol=SCRAM-SHA-512',
    'sasl.mechanism.controller.protocol=PLAIN',
    'listener.name.client.sasl.enabled.mechanisms=SCRAM-SHA-512',
    `listener.name.client.scram-sha-512.sasl.jaas.config=${scram}`,
    'listener.name.controller.sasl.enabled.mechanisms=PLAIN',
    `listener.name.controller.plain.sasl.jaas.config=${plain}`,
    // Nobody may do anything an ACL does not allow; the operator may do all.
    'authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer',
    `super.users=User:${kafkaAdminUser}`,
    'allow.everyone.if.no.acl.found=false',
    `log.dirs=${join(kafkaDir, 'logs')}`,
    // Several partitions per topic so replicas of a consumer share the work.
    'num.partitions=4',
    'default.replication.factor=1',
    'offsets.topic.replication.factor=1',
    'offsets.topic.num.partitions=8',
    'transaction.state.log.replication.factor=1',
    'transaction.state.log.min.isr=1',
    'group.initial.rebalance.delay.ms=0',
    // Topics exist because the launcher created them from the declared scopes.
    'auto.create.topics.enable=false',
    'log.retention.hours=168',
    // A broker for one machine: the compaction of __consumer_offsets needs far less than the default 128 MiB buffer.
    'log.cleaner.dedupe.buffer.size=16777216',
    'num.network.threads=2',
    'num.io.threads=4',
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
  // Refused sign-ins and denied operations are worth seeing.
  'log4j.logger.kafka.authorizer.logger=WARN',
  '',
].join('\n');

const scramAppliedFile = join(kafkaDir, 'scram-applied.json');
const fingerprint = (password: string) => createHash('sha256').update(password).digest('hex');
const scramEntry = (user: string, password: string) => `SCRAM-SHA-512=[name=${user},password=${password}]`;

function kafkaJava(runtime: Runtime, main: string, args: string[]) {
  return capture('java', [
    '-cp',
    join(runtime.kafkaLibs, '*'),
    `-Dlog4j.configuration=file:${join(kafkaDir, 'log4j.properties')}`,
    main,
    ...args,
  ]);
}

export async function prepareKafka(runtime: Runtime, admin: AdminSecrets, apps: AppSecretsById, users: string[]) {
  await mkdir(join(kafkaDir, 'logs'), { recursive: true });
  const config = join(kafkaDir, 'server.properties');
  await writeFile(config, kafkaProperties(admin), { mode: 0o600 });
  await writeFile(join(kafkaDir, 'log4j.properties'), kafkaLog4j);
  const formatted = existsSync(join(kafkaDir, 'logs', 'meta.properties'));
  if (formatted && !existsSync(scramAppliedFile)) {
    // A broker formatted before it required sign-in has no operator to let in.
    say('kafka', 'the broker was formatted without credentials: formatting it anew (its retained events are dropped)');
    await rm(join(kafkaDir, 'logs'), { recursive: true, force: true });
    await mkdir(join(kafkaDir, 'logs'), { recursive: true });
  }
  if (!existsSync(join(kafkaDir, 'logs', 'meta.properties'))) {
    // A KRaft cluster id is 16 random bytes in URL-safe base64.
    const clusterId = randomBytes(16).toString('base64url');
    say('kafka', `formatting storage (cluster ${clusterId}) with the operator and ${users.length} app users`);
    const scram: string[] = [scramEntry(kafkaAdminUser, admin.kafka)];
    for (const user of users) scram.push(scramEntry(user, appSecretsOf(apps, user).kafka));
    const result = await kafkaJava(runtime, 'kafka.tools.StorageTool', [
      'format',
      '-t',
      clusterId,
      '-c',
      config,
      ...scram.flatMap((entry) => ['--add-scram', entry]),
    ]);
    if (result.code !== 0) throw new Error(`kafka storage format failed: ${result.stderr || result.stdout}`);
    const applied = Object.fromEntries(users.map((user) => [user, fingerprint(appSecretsOf(apps, user).kafka)]));
    await writeFile(scramAppliedFile, JSON.stringify(applied));
  }
  return config;
}

/** New or rotated app passwords, applied through the running broker as the operator. */
export async function applyScramChanges(runtime: Runtime, admin: AdminSecrets, apps: AppSecretsById, users: string[]) {
  const applied = JSON.parse(await readFile(scramAppliedFile, 'utf8')) as Record<string, string>;
  const changed = users.filter((user) => applied[user] !== fingerprint(appSecretsOf(apps, user).kafka));
  if (!changed.length) return;
  const clientConfig = join(kafkaDir, 'admin-client.properties');
  await writeFile(
    clientConfig,
    [
      'security.protocol=SASL_PLAINTEXT',
      'sasl.mechanism=SCRAM-SHA-512',
      `sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="${kafkaAdminUser}" password="${admin.kafka}";`,
      '',
    ].join('\n'),
    { mode: 0o600 },
  );
  for (const user of changed) {
    say('kafka', `setting the password of user ${user}`);
    const result = await kafkaJava(runtime, 'kafka.admin.ConfigCommand', [
      '--bootstrap-server',
      `127.0.0.1:${kafkaPorts.client}`,
      '--command-config',
      clientConfig,
      '--alter',
      '--entity-type',
      'users',
      '--entity-name',
      user,
      '--add-config',
      `SCRAM-SHA-512=[password=${appSecretsOf(apps, user).kafka}]`,
    ]);
    if (result.code !== 0) throw new Error(`setting Kafka user ${user} failed: ${result.stderr || result.stdout}`);
    applied[user] = fingerprint(appSecretsOf(apps, user).kafka);
    await writeFile(scramAppliedFile, JSON.stringify(applied));
  }
}

export function kafkaSpec(runtime: Runtime, config: string): ProcessSpec {
  return {
    name: 'kafka',
    command: 'java',
    args: [
      // A small heap, committed as it is needed and given back when idle (a periodic collection every 10 s).
      '-Xms32m',
      '-Xmx256m',
      '-XX:+UseG1GC',
      '-XX:MaxGCPauseMillis=20',
      '-XX:G1PeriodicGCInterval=10000',
      // The client compiler only: starting takes half the CPU (4.7 s instead of 8.5 on 2 cores), and a
      // broker for one machine's traffic spends its time in system calls more than in compiled code.
      '-XX:TieredStopAtLevel=1',
      '-Djava.awt.headless=true',
      `-Dlog4j.configuration=file:${join(kafkaDir, 'log4j.properties')}`,
      '-cp',
      join(runtime.kafkaLibs, '*'),
      'kafka.Kafka',
      config,
    ],
    ready: async () =>
      (await listening(kafkaPorts.client)) && (await logSinceStart('kafka')).includes('Kafka Server started'),
    readyTimeoutMs: 90_000,
    stopTimeoutMs: 30_000,
  };
}

/** A kafkajs client signed in as the operator. */
export function kafkaAsAdmin(admin: AdminSecrets, clientId = 'roomstay-launcher'): Kafka {
  return new Kafka({
    clientId,
    brokers: [`127.0.0.1:${kafkaPorts.client}`],
    sasl: { mechanism: 'scram-sha-512', username: kafkaAdminUser, password: admin.kafka },
    logLevel: logLevel.NOTHING,
  });
}

/**
 * Creates every topic the apps may use (the component's allowedTopics: event
 * topics and dead-letter topics) and sets the broker's ACLs to exactly what
 * the component's scopes allow: each app writes the topics it publishes and
 * reads those it subscribes to, in its own consumer group. ACLs no scope
 * grants are deleted. Idempotent.
 */
export async function applyTopicsAndAcls(admin: AdminSecrets, scopes: PubsubScopes): Promise<void> {
  const client = kafkaAsAdmin(admin).admin();
  await client.connect();
  try {
    const existing = new Set(await client.listTopics());
    const missing = scopes.topics.filter((n) => !existing.has(n));
    if (missing.length) {
      await client.createTopics({
        topics: missing.map((topic) => ({ topic, numPartitions: 4, replicationFactor: 1 })),
        waitForLeaders: true,
      });
      say('kafka', `created ${missing.length} topics`);
    }
    const wanted = desiredAcls(scopes);
    const key = (acl: AclEntry) =>
      [acl.principal, acl.resourceType, acl.resourceName, acl.operation, acl.permissionType].join('|');
    const present = await client.describeAcls({
      resourceType: AclResourceTypes.ANY,
      resourcePatternType: ResourcePatternTypes.ANY,
      operation: AclOperationTypes.ANY,
      permissionType: AclPermissionTypes.ANY,
    });
    const have = present.resources.flatMap((resource) =>
      resource.acls.map((acl) => ({
        resourceType: resource.resourceType,
        resourceName: resource.resourceName,
        resourcePatternType: resource.resourcePatternType,
        principal: acl.principal,
        host: acl.host,
        operation: acl.operation,
        permissionType: acl.permissionType,
      })),
    );
    const wantedKeys = new Set(wanted.map(key));
    const haveKeys = new Set(have.map(key));
    const extra = have.filter((acl) => !wantedKeys.has(key(acl)));
    const toCreate = wanted.filter((acl) => !haveKeys.has(key(acl)));
    if (extra.length) await client.deleteAcls({ filters: extra });
    if (toCreate.length) await client.createAcls({ acl: toCreate });
    if (extra.length || toCreate.length) {
      say('kafka', `ACLs: ${toCreate.length} granted, ${extra.length} revoked (${wanted.length} in all)`);
    }
  } finally {
    await client.disconnect();
  }
}

export function desiredAcls(scopes: PubsubScopes): AclEntry[] {
  const acl = (principal: string, resourceType: AclResource, resourceName: string, operation: AclOperation) => ({
    resourceType,
    resourceName,
    resourcePatternType: ResourcePatternTypes.LITERAL,
    principal: `User:${principal}`,
    host: '*',
    operation,
    permissionType: AclPermissionTypes.ALLOW,
  });
  return scopes.apps.flatMap((app) => [
    ...(scopes.publishes[app] ?? []).map((topic) => acl(app, AclResourceTypes.TOPIC, topic, AclOperationTypes.WRITE)),
    ...(scopes.subscribes[app] ?? []).map((topic) => acl(app, AclResourceTypes.TOPIC, topic, AclOperationTypes.READ)),
    ...((scopes.subscribes[app] ?? []).length ? [acl(app, AclResourceTypes.GROUP, app, AclOperationTypes.READ)] : []),
  ]);
}
