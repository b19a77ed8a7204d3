// The running stack's control API (tools/stack/control.ts) and its fixed addresses.
import { readFileSync } from 'node:fs';

export const controlUrl = process.env['STACK_CONTROL'] ?? 'http://127.0.0.1:7990';

/** The token the launcher wrote for this start (only its owner can read it); read at each call, as a restart writes a new one. */
const controlToken = (): string =>
  readFileSync(new URL('../../.data/secrets/control-token', import.meta.url), 'utf8').trim();

export interface ProcessStatus {
  name: string;
  pid: number | undefined;
  running: boolean;
  exitCode: number | null;
  exitSignal: string | null;
  starts: number;
}

async function control<T>(method: string, path: string): Promise<T> {
  const response = await fetch(`${controlUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${controlToken()}` },
    signal: AbortSignal.timeout(120_000),
  });
  const body = (await response.json()) as T & { error?: string };
  if (!response.ok) throw new Error(`control ${method} ${path}: ${body.error}`);
  return body;
}

export const stack = {
  processes: () => control<ProcessStatus[]>('GET', '/processes'),
  signal: (name: string, signal: NodeJS.Signals, wait = false) =>
    control('POST', `/processes/${encodeURIComponent(name)}/signal?signal=${signal}${wait ? '&wait=exit' : ''}`),
  restart: (name: string) => control('POST', `/processes/${encodeURIComponent(name)}/restart`),
  stop: (name: string) => control('POST', `/processes/${encodeURIComponent(name)}/stop`),
  /** Options are the test profile's the control API names (FAULT_DELAY_MS, RESERVATION_HOLD_SECONDS, ...). */
  startInstance: (appId: string, n: number, options: Record<string, string> = {}) =>
    control('POST', `/apps/${appId}/instances/${n}?${new URLSearchParams(options)}`),
  stopInstance: (appId: string, n: number) => control('DELETE', `/apps/${appId}/instances/${n}`),
  /** Everything stopped as Ctrl-C stops it (SIGTERM) or killed at once (SIGKILL), then started again. */
  restartAll: (signal: 'SIGTERM' | 'SIGKILL') => control('POST', `/stack/restart?signal=${signal}`),
};

/** Dapr HTTP port of each app's sidecar, as in dapr.yaml. */
export const sidecarPort = {
  gateway: 3500,
  auth: 3501,
  room: 3502,
  reservation: 3503,
  payment: 3504,
  promotion: 3505,
  roominfo: 3506,
  notice: 3507,
} as const;

/** Metrics port of each app's sidecar, as in dapr.yaml. */
export const sidecarMetricsPort = {
  gateway: 9100,
  auth: 9101,
  room: 9102,
  reservation: 9103,
  payment: 9104,
  promotion: 9105,
  roominfo: 9106,
  notice: 9107,
} as const;

export const infra = {
  kafka: '127.0.0.1:9092',
  redisPort: 6380,
  postgresPort: 5433,
} as const;

/** Every circuit breaker the given sidecars (all unless said) report open ("app: series"), from their metrics. */
export async function openCircuits(
  apps: readonly (keyof typeof sidecarMetricsPort)[] = Object.keys(
    sidecarMetricsPort,
  ) as (keyof typeof sidecarMetricsPort)[],
): Promise<string[]> {
  const open: string[] = [];
  for (const app of apps) {
    const text = await (await fetch(`http://127.0.0.1:${sidecarMetricsPort[app]}/metrics`)).text();
    for (const line of text.split('\n')) {
      if (!line.startsWith('dapr_resiliency_cb_state{') || !line.includes('status="open"')) continue;
      if (Number(line.slice(line.lastIndexOf(' ') + 1)) === 1) open.push(`${app}: ${line}`);
    }
  }
  return open;
}
