// The operator's view of the running stack, through the secrets the launcher
// generated under .data/secrets/: the broker, Redis and PostgreSQL as their
// administrator, and any sidecar with its own app's API token. Tests that look
// inside the system use this; the attack suite uses it only to know what an
// app legitimately holds.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { Redis } from 'ioredis';
import { Kafka, logLevel } from 'kafkajs';
import { infra, sidecarPort } from './stack.ts';

const run = promisify(execFile);

export type AppId = keyof typeof sidecarPort;

interface AppSecrets {
  daprApiToken: string;
  appApiToken: string;
  kafka: string;
  redis: string;
  postgres: string;
}

const readJson = <T>(name: string): T =>
  JSON.parse(readFileSync(new URL(`../../.data/secrets/${name}`, import.meta.url), 'utf8')) as T;

export const operatorSecrets = () => readJson<{ kafka: string; redis: string; postgres: string }>('admin.json');
export const appSecrets = (appId: AppId): AppSecrets => {
  const secrets = readJson<Record<string, AppSecrets>>('apps.json')[appId];
  if (!secrets) throw new Error(`no secrets for ${appId}`);
  return secrets;
};

/** A kafkajs client signed in as `username` (the operator unless said). */
export function kafkaClient(
  clientId: string,
  credentials: { username: string; password: string } = { username: 'admin', password: operatorSecrets().kafka },
): Kafka {
  return new Kafka({
    clientId,
    brokers: [infra.kafka],
    sasl: { mechanism: 'scram-sha-512', ...credentials },
    logLevel: logLevel.NOTHING,
  });
}

/** Redis as the operator, on one database. */
export function operatorRedis(db: number): Redis {
  return new Redis({
    port: infra.redisPort,
    db,
    username: 'admin',
    password: operatorSecrets().redis,
    lazyConnect: true,
  });
}

/** One SQL statement on a database as the operator; the output of psql -tA. */
export async function operatorPsql(database: string, sql: string): Promise<string> {
  const { stdout } = await run(
    'psql',
    ['-h', '127.0.0.1', '-p', String(infra.postgresPort), '-U', 'booking', '-d', database, '-tAc', sql],
    { env: { ...process.env, PGPASSWORD: operatorSecrets().postgres } },
  );
  return stdout.trim();
}

/** A request to an app's sidecar HTTP API, with that app's API token. */
export function sidecarFetch(appId: AppId, path: string, init: RequestInit = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  headers.set('dapr-api-token', appSecrets(appId).daprApiToken);
  return fetch(`http://127.0.0.1:${sidecarPort[appId]}${path}`, { ...init, headers });
}

/** An app's sidecar gRPC API port, as dapr.yaml gives it. */
export async function sidecarGrpcPort(appId: AppId): Promise<number> {
  const { readFile } = await import('node:fs/promises');
  const { parse } = await import('yaml');
  const file = parse(await readFile(new URL('../../dapr.yaml', import.meta.url), 'utf8')) as {
    apps: { appID: string; daprGRPCPort: number }[];
  };
  const port = file.apps.find((a) => a.appID === appId)?.daprGRPCPort;
  if (!port) throw new Error(`no sidecar gRPC port for ${appId}`);
  return port;
}
