// Every port any process of the stack listens on, read from the kernel: apps,
// daprd (HTTP, gRPC, internal gRPC, metrics), Sentry, Kafka, Redis, PostgreSQL.
import { execFile } from 'node:child_process';
import { networkInterfaces } from 'node:os';
import { promisify } from 'node:util';
import test from 'ava';
import { stack } from '../support/stack.ts';
import { refused } from './support/attacks.ts';

const run = promisify(execFile);

/** Sentry 1.18.3 parses --healthz-listen-address but never hands it to its health server. */
const sentryHealthPort = 50080;

interface Listener {
  address: string;
  port: number;
  pid: number;
}

async function listeners(): Promise<Listener[]> {
  const { stdout } = await run('ss', ['-ltnpH']);
  return stdout
    .split('\n')
    .filter(Boolean)
    .flatMap((line) => {
      const local = line.split(/\s+/)[3] ?? '';
      const at = local.lastIndexOf(':');
      const pids = [...line.matchAll(/pid=(\d+)/g)].map((m) => Number(m[1]));
      return pids.map((pid) => ({ address: local.slice(0, at), port: Number(local.slice(at + 1)), pid }));
    });
}

const loopback = (address: string) => ['127.0.0.1', '[::ffff:127.0.0.1]', '[::1]'].includes(address);

test('every process of the stack listens on loopback only', async (t) => {
  const processes = (await stack.processes()).filter((p) => p.running && p.pid);
  const pids = new Map(processes.map((p) => [p.pid, p.name]));
  const ours = (await listeners()).filter((l) => pids.has(l.pid));
  t.true(ours.length >= 8 * 5 + 4, `found ${ours.length} listeners of the stack`);
  for (const listener of ours) {
    const name = pids.get(listener.pid) ?? '?';
    if (name === 'sentry' && listener.port === sentryHealthPort) continue;
    refused(
      t,
      `${name} listening on ${listener.address}:${listener.port}`,
      loopback(listener.address),
      listener.address,
    );
  }
});

test("Sentry's health port, the one listener Dapr puts on every interface, serves nothing but /healthz", async (t) => {
  const outside = Object.values(networkInterfaces())
    .flat()
    .find((i) => i && i.family === 'IPv4' && !i.internal)?.address;
  const host = outside ?? '127.0.0.1';
  for (const path of ['/', '/v1.0/metadata', '/metrics', '/sign', '/healthz/../metrics', '/debug/pprof/']) {
    const response = await fetch(`http://${host}:${sentryHealthPort}${path}`).catch(() => undefined);
    refused(t, `GET ${path} on Sentry's health port from ${host}`, response?.status !== 200, response?.status);
  }
});
