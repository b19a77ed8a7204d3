// `npm start`: provisions what is missing, starts Kafka, Redis and PostgreSQL,
// then every app with its sidecar through `dapr run -f dapr/dapr.yaml`, waits
// until all are healthy and prints where they are. Ctrl-C stops everything.
import { spawn, type ChildProcess } from 'node:child_process';
import { openSync, closeSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { say, warn } from './lib/log.ts';
import { logDir, repoRoot } from './lib/paths.ts';
import { provision } from './provision.ts';
import { layoutPorts, readLayout, runFile, takenPorts, writeSecrets } from './stack/apps.ts';
import { ports, startInfra } from './stack/infra.ts';
import { reapLeftovers, Supervisor } from './stack/supervisor.ts';

const started = Date.now();
const runtime = await provision();
await reapLeftovers();
const layout = await readLayout();
const taken = await takenPorts([ports.kafka, ports.redis, ports.postgres, ...layoutPorts(layout)]);
if (taken.length) {
  warn('start', `ports ${taken.join(', ')} are taken by other processes; stop them (or an earlier npm start) first`);
  process.exit(1);
}

const infra = new Supervisor();
let dapr: ChildProcess | undefined;
let stopping = false;

async function stopAll(code: number): Promise<never> {
  if (stopping) return new Promise(() => undefined);
  stopping = true;
  say('start', 'stopping apps and sidecars');
  if (dapr?.pid && dapr.exitCode === null) {
    const exited = new Promise((resolve) => dapr?.once('exit', resolve));
    // The Dapr CLI stops its apps and sidecars on SIGINT.
    process.kill(-dapr.pid, 'SIGINT');
    if ((await Promise.race([exited, sleep(20_000).then(() => 'timeout')])) === 'timeout') {
      warn('start', 'the Dapr CLI did not stop in 20 s; killing its process group');
      process.kill(-dapr.pid, 'SIGKILL');
    }
  }
  await infra.stopAll();
  say('start', 'stopped');
  process.exit(code);
}
process.on('SIGINT', () => void stopAll(0));
process.on('SIGTERM', () => void stopAll(0));

async function healthy(url: string): Promise<boolean> {
  try {
    return (await fetch(url, { signal: AbortSignal.timeout(1000) })).ok;
  } catch {
    return false;
  }
}

try {
  await startInfra(infra, runtime);
  await writeSecrets();
  say('start', `dapr run -f ${join('dapr', 'dapr.yaml')} (logs: services/<app>/.dapr/logs/)`);
  const out = openSync(join(logDir, 'dapr-run.log'), 'a');
  dapr = spawn(runtime.dapr, ['run', '-f', runFile], {
    cwd: repoRoot,
    detached: true,
    stdio: ['ignore', out, out],
    env: { ...process.env, DAPR_HOST_IP: '127.0.0.1' },
  });
  closeSync(out);
  dapr.once('exit', (code) => {
    if (!stopping) {
      warn('start', `the Dapr CLI exited (${code}); see ${join('.data', 'logs', 'dapr-run.log')}`);
      void stopAll(1);
    }
  });
  const deadline = Date.now() + 120_000;
  for (;;) {
    const checks = await Promise.all(
      layout.apps.map(
        async (app) =>
          (await healthy(`http://127.0.0.1:${app.httpPort}/v1.0/healthz`)) &&
          (await healthy(`http://127.0.0.1:${app.appPort}/health`)),
      ),
    );
    if (checks.every(Boolean)) break;
    if (Date.now() > deadline) {
      const down = layout.apps.filter((_, i) => !checks[i]).map((a) => a.appId);
      throw new Error(`not healthy after 120 s: ${down.join(', ')}; see services/<app>/.dapr/logs/`);
    }
    await sleep(500);
  }
} catch (error) {
  warn('start', error instanceof Error ? error.message : String(error));
  await stopAll(1);
}

const rows = layout.apps.map((app) => [app.appId, String(app.appPort), String(app.httpPort), String(app.metricsPort)]);
const header = ['app-id', 'app port', 'dapr http', 'metrics'];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ');
process.stdout.write(
  [
    '',
    line(header),
    ...rows.map(line),
    '',
    `Kafka 127.0.0.1:${ports.kafka}   Redis 127.0.0.1:${ports.redis}   PostgreSQL 127.0.0.1:${ports.postgres}`,
    '',
    `Ingress:  http://localhost:8080   (OpenAPI: http://localhost:8080/openapi.json)`,
    `Ready in ${((Date.now() - started) / 1000).toFixed(1)}s. Ctrl-C stops everything.`,
    '',
  ].join('\n'),
);
