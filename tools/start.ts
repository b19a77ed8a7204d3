// `npm start`: provisions what is missing, then starts the stack the tests use
// (tools/stack): Kafka, Redis, PostgreSQL and Sentry, then every app of
// dapr.yaml with its own sidecar, waits until all are healthy and prints
// where they are. Ctrl-C stops everything.
import { say, warn } from './lib/log.ts';
import { stopOnSignal } from './lib/stop-on-signal.ts';
import { provision } from './provision.ts';
import { ports } from './stack/infra.ts';
import { sentry } from './stack/sentry.ts';
import { Stack } from './stack/stack.ts';

const started = Date.now();
const runtime = await provision();

let stack: Stack | undefined;
const stopAll = stopOnSignal(async () => {
  say('start', 'stopping');
  await stack?.stop();
  say('start', 'stopped');
});

try {
  stack = await Stack.start(runtime);
} catch (error) {
  warn('start', error instanceof Error ? error.message : String(error));
  warn('start', 'logs: .data/logs/<process>.log');
  await stopAll(1);
}

const layout = stack?.layout;
const rows = (layout?.apps ?? []).map((app) => [
  app.appId,
  String(app.appPort),
  String(app.httpPort),
  String(app.grpcPort),
  String(app.metricsPort),
]);
const header = ['app-id', 'app port', 'dapr http', 'dapr grpc', 'metrics'];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ');
process.stdout.write(
  [
    '',
    line(header),
    ...rows.map(line),
    '',
    `Kafka 127.0.0.1:${ports.kafka}   Redis 127.0.0.1:${ports.redis}   PostgreSQL 127.0.0.1:${ports.postgres}   Sentry 127.0.0.1:${sentry.port}`,
    'Every listener is on loopback and asks for credentials: see .data/secrets/ and README "Security".',
    '',
    `Ingress:  http://localhost:8080   (OpenAPI: http://localhost:8080/openapi.json)`,
    `Logs:     .data/logs/`,
    `Ready in ${((Date.now() - started) / 1000).toFixed(1)}s. Ctrl-C stops everything.`,
    '',
  ].join('\n'),
);
