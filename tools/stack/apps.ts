// The apps and their sidecars as the run file (dapr.yaml) describes them. The
// launcher (`npm start`, the tests, the bench) starts each app and each daprd
// itself from it, so that single sidecars and apps can be killed and restarted;
// `dapr run -f .` starts the same from the same file (tools/dapr-cli).
import { mkdir, readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { parse } from 'yaml';
import { dataDir, repoRoot } from '../lib/paths.ts';
import { httpOk, listening, postgresConnection, signsInToPostgres } from './infra.ts';
import { redisUsers } from './redis.ts';
import { sentry } from './sentry.ts';
import { sentryTokenFile, type AppSecrets } from './secrets.ts';
import type { ProcessSpec } from './supervisor.ts';

/** The namespace of every app's identity (SPIFFE ID), locally as on Kubernetes. */
export const appNamespace = 'roomstay';
/** The trust domain of the apps' identities: accessControl.trustDomain in dapr/config.yaml. */
export const appTrustDomain = 'public';

export const runFile = join(repoRoot, 'dapr.yaml');

interface RunFileApp {
  appID: string;
  appDirPath: string;
  appPort: number;
  daprHTTPPort: number;
  daprGRPCPort: number;
  daprInternalGRPCPort: number;
  metricsPort: number;
  /** This app's protocol when it is not `common.appProtocol` (promotion: grpc). */
  appProtocol?: string;
  command: string[];
  env?: Record<string, string>;
}

interface RunFile {
  common: {
    resourcesPaths: string[];
    configFilePath: string;
    appProtocol: string;
    apiListenAddresses: string;
    logLevel: string;
    appHealthCheckPath: string;
    appHealthProbeInterval?: number;
    appHealthThreshold?: number;
    enableAppHealthCheck?: boolean;
    env?: Record<string, string>;
  };
  apps: RunFileApp[];
}

export interface AppDefinition {
  appId: string;
  dir: string;
  appPort: number;
  httpPort: number;
  grpcPort: number;
  internalGrpcPort: number;
  metricsPort: number;
  /** How the sidecar talks to the app: http, or grpc (Dapr's AppCallback). */
  appProtocol: string;
  command: string[];
  env: Record<string, string>;
}

export interface StackLayout {
  apps: AppDefinition[];
  resourcesPaths: string[];
  configFile: string;
  /** dapr/config.yaml's `spec.mtls.enabled`: sidecars get certificates from Sentry. */
  mtls: boolean;
  common: RunFile['common'];
}

export async function readLayout(): Promise<StackLayout> {
  const file = parse(await readFile(runFile, 'utf8')) as RunFile;
  const base = dirname(runFile);
  const configFile = resolve(base, file.common.configFilePath);
  const config = parse(await readFile(configFile, 'utf8')) as { spec?: { mtls?: { enabled?: boolean } } };
  return {
    resourcesPaths: file.common.resourcesPaths.map((p) => resolve(base, p)),
    configFile,
    mtls: config.spec?.mtls?.enabled === true,
    common: file.common,
    apps: file.apps.map((app) => ({
      appId: app.appID,
      dir: resolve(base, app.appDirPath),
      appPort: app.appPort,
      httpPort: app.daprHTTPPort,
      grpcPort: app.daprGRPCPort,
      internalGrpcPort: app.daprInternalGRPCPort,
      metricsPort: app.metricsPort,
      appProtocol: app.appProtocol ?? file.common.appProtocol,
      command: app.command,
      env: { ...(file.common.env ?? {}), ...(app.env ?? {}) },
    })),
  };
}

/**
 * A second (third, ...) instance of an app: same app id and store, other ports.
 * Replica n moves every port by n * 1000.
 */
export function replicaOf(app: AppDefinition, n: number): AppDefinition {
  const shift = n * 1000;
  return {
    ...app,
    appPort: app.appPort + shift,
    httpPort: app.httpPort + shift,
    grpcPort: app.grpcPort + shift,
    internalGrpcPort: app.internalGrpcPort + shift,
    metricsPort: app.metricsPort + shift,
  };
}

export const instanceName = (app: AppDefinition, n: number): string => (n === 0 ? app.appId : `${app.appId}#${n}`);

/** What a sidecar and its app are given: their own secrets and the root certificate. */
export interface Credentials {
  app: AppSecrets;
  trustAnchors: string;
}

/**
 * The secrets a sidecar's components resolve through the `secretstore`
 * component (secretstores.local.env, prefix ROOMSTAY_): only its own.
 */
function componentSecrets(appId: string, secrets: AppSecrets): Record<string, string> {
  const env: Record<string, string> = { ROOMSTAY_KAFKA_PASSWORD: secrets.kafka };
  if (redisUsers[appId]?.client === 'sidecar') env['ROOMSTAY_REDIS_PASSWORD'] = secrets.redis;
  if (signsInToPostgres(appId, 'sidecar')) {
    env['ROOMSTAY_POSTGRES_CONNECTION'] = postgresConnection(appId, secrets.postgres);
  }
  if (appId === 'room') env['ROOMSTAY_SQLITE_CONNECTION'] = `file:${join(dataDir, 'room', 'room.db')}`;
  return env;
}

/** Directories the components and apps write to. */
export async function prepareDataDirs(): Promise<void> {
  for (const dir of ['room', 'dapr', 'promotion', 'auth']) await mkdir(join(dataDir, dir), { recursive: true });
}

/** The same flags `dapr run` gives daprd, plus loopback-only listeners for every port. */
export function daprdSpec(
  daprd: string,
  layout: StackLayout,
  app: AppDefinition,
  credentials: Credentials,
  n = 0,
  options: { resiliency?: boolean } = {},
): ProcessSpec {
  const { common } = layout;
  // Without resiliency (a benchmark's baseline): only the components folder, not dapr/ with resiliency.yaml.
  const resourcesPaths =
    options.resiliency === false
      ? layout.resourcesPaths.filter((p) => p !== join(repoRoot, 'dapr'))
      : layout.resourcesPaths;
  return {
    name: `daprd-${instanceName(app, n)}`,
    command: daprd,
    args: [
      '--app-id',
      app.appId,
      '--app-port',
      String(app.appPort),
      '--app-protocol',
      app.appProtocol,
      '--dapr-http-port',
      String(app.httpPort),
      '--dapr-grpc-port',
      String(app.grpcPort),
      '--dapr-internal-grpc-port',
      String(app.internalGrpcPort),
      '--metrics-port',
      String(app.metricsPort),
      '--dapr-listen-addresses',
      common.apiListenAddresses,
      '--dapr-internal-grpc-listen-address',
      '127.0.0.1',
      '--metrics-listen-address',
      '127.0.0.1',
      '--config',
      layout.configFile,
      ...resourcesPaths.flatMap((p) => ['--resources-path', p]),
      '--placement-host-address',
      '',
      '--scheduler-host-address',
      '',
      '--log-level',
      common.logLevel,
      ...(layout.mtls ? ['--enable-mtls', '--sentry-address', sentry.address] : []),
      ...(common.enableAppHealthCheck
        ? [
            '--enable-app-health-check',
            '--app-health-check-path',
            common.appHealthCheckPath,
            '--app-health-probe-interval',
            String(common.appHealthProbeInterval ?? 5),
            '--app-health-threshold',
            String(common.appHealthThreshold ?? 3),
          ]
        : []),
    ],
    cwd: app.dir,
    // Only what this sidecar needs; nothing of the launcher's or another app's.
    env: {
      PATH: process.env['PATH'] ?? '',
      HOME: process.env['HOME'] ?? '',
      DAPR_HOST_IP: '127.0.0.1',
      ...sidecarEnv(app.appId, credentials),
    },
    // The health endpoint is the one part of the sidecar API that needs no token.
    ready: () => httpOk(`http://127.0.0.1:${app.httpPort}/v1.0/healthz`),
    readyTimeoutMs: 60_000,
    stopTimeoutMs: 10_000,
  };
}

/** What a sidecar is given beyond its flags: its identity, its tokens and its components' secrets. */
export function sidecarEnv(appId: string, credentials: Credentials): Record<string, string> {
  return {
    NAMESPACE: appNamespace,
    DAPR_API_TOKEN: credentials.app.daprApiToken,
    APP_API_TOKEN: credentials.app.appApiToken,
    DAPR_TRUST_ANCHORS: credentials.trustAnchors,
    DAPR_SENTRY_TOKEN_FILE: sentryTokenFile(appId),
    // A sidecar's heap is small and its work bursty: the Go runtime collects
    // sooner instead of letting the heap double (the injector does the same
    // from a pod's memory limit on Kubernetes).
    GOMEMLIMIT: daprdMemoryLimit,
    ...componentSecrets(appId, credentials.app),
  };
}

/** An app's own secrets: its sidecar's API token (to call it), its app token (to know its sidecar), its store's password. */
export function appSecretEnv(appId: string, credentials: Credentials): Record<string, string> {
  return {
    DAPR_API_TOKEN: credentials.app.daprApiToken,
    APP_API_TOKEN: credentials.app.appApiToken,
    ...(redisUsers[appId]?.client === 'app' ? { REDIS_PASSWORD: credentials.app.redis } : {}),
    ...(signsInToPostgres(appId, 'app') ? { POSTGRES_PASSWORD: credentials.app.postgres } : {}),
  };
}

/** The soft memory limit of every local daprd (Go's GOMEMLIMIT). */
export const daprdMemoryLimit = '96MiB';

/** The app's process, with the environment `dapr run` gives it. */
export function appSpec(
  app: AppDefinition,
  credentials: Credentials,
  n = 0,
  extraEnv: Record<string, string> = {},
): ProcessSpec {
  const [command = 'node', ...args] = app.command;
  return {
    name: `app-${instanceName(app, n)}`,
    command: command === 'node' ? process.execPath : command,
    args,
    cwd: app.dir,
    env: {
      ...process.env,
      ...app.env,
      ...extraEnv,
      APP_ID: app.appId,
      APP_PORT: String(app.appPort),
      DAPR_HTTP_PORT: String(app.httpPort),
      DAPR_GRPC_PORT: String(app.grpcPort),
      DAPR_METRICS_PORT: String(app.metricsPort),
      APP_CHANNEL_ADDRESS: '127.0.0.1',
      ...appSecretEnv(app.appId, credentials),
    },
    ready: () => httpOk(`http://127.0.0.1:${app.appPort}/health`),
    readyTimeoutMs: 30_000,
    stopTimeoutMs: 15_000,
  };
}

/** Every port the layout uses, for a clear message when one is taken. */
export function layoutPorts(layout: StackLayout): number[] {
  return layout.apps.flatMap((a) => [a.appPort, a.httpPort, a.grpcPort, a.internalGrpcPort, a.metricsPort]);
}

export async function takenPorts(portsToCheck: readonly number[]): Promise<number[]> {
  const taken: number[] = [];
  for (const port of portsToCheck) if (await listening(port)) taken.push(port);
  return taken;
}
