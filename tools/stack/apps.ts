// The apps and their sidecars as dapr/dapr.yaml describes them. `npm start`
// hands that file to `dapr run -f`; tests start the same processes one by one
// from it so that single sidecars and apps can be killed and restarted.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { parse } from 'yaml';
import { dataDir, repoRoot } from '../lib/paths.ts';
import { listening, ports, postgresPassword, postgresUser } from './infra.ts';
import type { ProcessSpec } from './supervisor.ts';

export const runFile = join(repoRoot, 'dapr', 'dapr.yaml');

interface RunFileApp {
  appID: string;
  appDirPath: string;
  appPort: number;
  daprHTTPPort: number;
  daprGRPCPort: number;
  daprInternalGRPCPort: number;
  metricsPort: number;
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
  command: string[];
  env: Record<string, string>;
}

export interface StackLayout {
  apps: AppDefinition[];
  resourcesPaths: string[];
  configFile: string;
  common: RunFile['common'];
}

export async function readLayout(): Promise<StackLayout> {
  const file = parse(await readFile(runFile, 'utf8')) as RunFile;
  const base = dirname(runFile);
  return {
    resourcesPaths: file.common.resourcesPaths.map((p) => resolve(base, p)),
    configFile: resolve(base, file.common.configFilePath),
    common: file.common,
    apps: file.apps.map((app) => ({
      appId: app.appID,
      dir: resolve(base, app.appDirPath),
      appPort: app.appPort,
      httpPort: app.daprHTTPPort,
      grpcPort: app.daprGRPCPort,
      internalGrpcPort: app.daprInternalGRPCPort,
      metricsPort: app.metricsPort,
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

/** Secrets the components read through the `secretstore` component; never committed. */
export async function writeSecrets(): Promise<void> {
  const password = await postgresPassword();
  const pg = (database: string) =>
    `host=127.0.0.1 port=${ports.postgres} user=${postgresUser} password=${password} dbname=${database} sslmode=disable`;
  await mkdir(join(dataDir, 'room'), { recursive: true });
  await mkdir(join(dataDir, 'dapr'), { recursive: true });
  await mkdir(join(dataDir, 'promotion'), { recursive: true });
  const secrets = {
    'payment-postgres': { connectionString: pg('payment') },
    'notice-postgres': { connectionString: pg('notice') },
    'room-sqlite': { connectionString: `file:${join(dataDir, 'room', 'room.db')}` },
  };
  await writeFile(join(dataDir, 'secrets.json'), `${JSON.stringify(secrets, null, 2)}\n`, { mode: 0o600 });
}

async function httpOk(url: string): Promise<boolean> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(1000) });
    return response.status >= 200 && response.status < 300;
  } catch {
    return false;
  }
}

/** The same flags `dapr run` gives daprd, plus loopback-only listeners for every port. */
export function daprdSpec(
  daprd: string,
  layout: StackLayout,
  app: AppDefinition,
  n = 0,
  options: { resiliency?: boolean } = {},
): ProcessSpec {
  const { common } = layout;
  // Without resiliency (a benchmark's baseline): only the components folder, not dapr/ with resiliency.yaml.
  const resourcesPaths =
    options.resiliency === false ? layout.resourcesPaths.filter((p) => p !== dirname(runFile)) : layout.resourcesPaths;
  return {
    name: `daprd-${instanceName(app, n)}`,
    command: daprd,
    args: [
      '--app-id',
      app.appId,
      '--app-port',
      String(app.appPort),
      '--app-protocol',
      common.appProtocol,
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
    env: { ...process.env, DAPR_HOST_IP: '127.0.0.1' },
    ready: () => httpOk(`http://127.0.0.1:${app.httpPort}/v1.0/healthz`),
    readyTimeoutMs: 60_000,
    stopTimeoutMs: 10_000,
  };
}

/** The app's process, with the environment `dapr run` gives it. */
export function appSpec(app: AppDefinition, n = 0, extraEnv: Record<string, string> = {}): ProcessSpec {
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
