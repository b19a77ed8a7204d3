// The infrastructure under the apps: Kafka (KRaft, single node), Redis and
// PostgreSQL on loopback, with their data under .data/ (kafka.ts, redis.ts,
// postgres.ts). Ports are fixed because the Dapr components in components/
// name them. None of them lets anyone in without credentials: Kafka takes
// SASL/SCRAM users with ACLs, Redis ACL users limited to their own keys,
// PostgreSQL a role per app owning only its database. Each app has its own
// credentials (secrets.ts); the launcher signs in as the operator.
import { say } from '../lib/log.ts';
import type { Runtime } from '../provision.ts';
import { applyScramChanges, applyTopicsAndAcls, kafkaPorts, kafkaSpec, prepareKafka } from './kafka.ts';
import { ensureDatabases, postgresPort, postgresSpec, preparePostgres } from './postgres.ts';
import { readPubsubScopes } from './pubsub-scopes.ts';
import { redisPort, redisSpec, writeRedisAcl } from './redis.ts';
import { adminSecrets, type AppSecretsById } from './secrets.ts';
import type { Supervisor } from './supervisor.ts';

export { httpOk, listening } from './health.ts';
export { postgresConnection, signsInToPostgres } from './postgres.ts';

export const ports = {
  kafka: kafkaPorts.client,
  kafkaController: kafkaPorts.controller,
  redis: redisPort,
  postgres: postgresPort,
} as const;

/**
 * Faults of the infrastructure that the chaos proofs switch on, each making a
 * store lose writes it acknowledged once it restarts; never on otherwise.
 * - redis-replays-no-transaction: the default user without rights, as before
 *   the fix in redis.ts: the append-only file's transactions are refused.
 * - postgres-commits-asynchronously: commits answered before their WAL is
 *   written, so a crash loses the latest of them.
 */
export const infraFaults = ['redis-replays-no-transaction', 'postgres-commits-asynchronously'] as const;
export type InfraFault = (typeof infraFaults)[number];

/** Starts the three servers in parallel, each requiring credentials, and prepares what the components expect. */
export async function startInfra(
  supervisor: Supervisor,
  runtime: Runtime,
  apps: AppSecretsById,
  faults: ReadonlySet<InfraFault> = new Set(),
): Promise<void> {
  const started = Date.now();
  const admin = await adminSecrets();
  const scopes = await readPubsubScopes();
  await writeRedisAcl(admin, apps, { replaysTransactions: !faults.has('redis-replays-no-transaction') });
  await Promise.all([
    prepareKafka(runtime, admin, apps, scopes.apps)
      .then((config) => supervisor.start(kafkaSpec(runtime, config)))
      .then(() => applyScramChanges(runtime, admin, apps, scopes.apps))
      .then(() => applyTopicsAndAcls(admin, scopes)),
    supervisor.start(redisSpec(runtime, admin)),
    preparePostgres(runtime, admin)
      .then((account) =>
        supervisor.start(
          postgresSpec(runtime, account, { commitsAsynchronously: faults.has('postgres-commits-asynchronously') }),
        ),
      )
      .then(() => ensureDatabases(runtime, admin, apps)),
  ]);
  say('stack', `kafka, redis and postgres up in ${((Date.now() - started) / 1000).toFixed(1)}s`);
}

/** Restarts the store a fault concerns, with the faults given on. */
export async function restartWithFaults(
  supervisor: Supervisor,
  runtime: Runtime,
  apps: AppSecretsById,
  faults: ReadonlySet<InfraFault>,
  concerned: InfraFault,
): Promise<void> {
  const admin = await adminSecrets();
  if (concerned === 'redis-replays-no-transaction') {
    await supervisor.stop('redis');
    await writeRedisAcl(admin, apps, { replaysTransactions: !faults.has(concerned) });
    await supervisor.start(redisSpec(runtime, admin));
  } else {
    await supervisor.stop('postgres');
    const account = await preparePostgres(runtime, admin);
    await supervisor.start(postgresSpec(runtime, account, { commitsAsynchronously: faults.has(concerned) }));
  }
}
