// Dapr Sentry on loopback: the certificate authority for mTLS between sidecars
// (dapr/sentry.yaml). It makes its root and issuer certificates under
// .data/sentry/credentials at its first start and keeps them.
import { existsSync } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { dataDir, repoRoot } from '../lib/paths.ts';
import type { Runtime } from '../provision.ts';
import { httpOk, listening } from './infra.ts';
import { logSinceStart, type ProcessSpec } from './supervisor.ts';

const sentryDir = join(dataDir, 'sentry');
const credentials = join(sentryDir, 'credentials');

export const sentry = {
  port: 50001,
  healthzPort: 50080,
  address: '127.0.0.1:50001',
  /** Sentry's own trust domain and namespace: daprd's defaults for the control plane. */
  trustDomain: 'localhost',
  namespace: 'default',
} as const;

/** The identity Sentry presents; the audience of every sidecar's token. */
export const sentryId = `spiffe://${sentry.trustDomain}/ns/${sentry.namespace}/dapr-sentry`;

export async function sentrySpec(runtime: Runtime): Promise<ProcessSpec> {
  await mkdir(credentials, { recursive: true, mode: 0o700 });
  // A first start writes the credentials and then reloads itself once.
  const fresh = !existsSync(join(credentials, 'ca.crt'));
  return {
    name: 'sentry',
    command: runtime.sentry,
    args: [
      '--config',
      join(repoRoot, 'dapr', 'sentry.yaml'),
      '--issuer-credentials',
      credentials,
      '--trust-domain',
      sentry.trustDomain,
      '--port',
      String(sentry.port),
      '--listen-address',
      '127.0.0.1',
      // Sentry 1.18 parses --healthz-listen-address and --metrics-listen-address
      // but does not use them: metrics are off, and its health server listens
      // on every interface (it answers GET /healthz and nothing else).
      '--healthz-port',
      String(sentry.healthzPort),
      '--healthz-listen-address',
      '127.0.0.1',
      '--enable-metrics=false',
      '--log-level',
      'info',
    ],
    cwd: sentryDir,
    env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '', NAMESPACE: sentry.namespace },
    ready: async () => {
      if (!(await listening(sentry.port))) return false;
      if (fresh && !(await logSinceStart('sentry')).includes('Issuer credentials changed')) return false;
      return httpOk(`http://127.0.0.1:${sentry.healthzPort}/healthz`);
    },
    readyTimeoutMs: 30_000,
    stopTimeoutMs: 5_000,
  };
}

/** The root certificate every sidecar trusts (DAPR_TRUST_ANCHORS). */
export function trustAnchors(): Promise<string> {
  return readFile(join(credentials, 'ca.crt'), 'utf8');
}
