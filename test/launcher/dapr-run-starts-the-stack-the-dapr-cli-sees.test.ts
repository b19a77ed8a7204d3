// A Dapr user's own tools on this project: `npm run infra`, then `dapr run -f .`
// from the repository root, start the same stack as `npm start` (each sidecar
// with its own app's secrets, mTLS, loopback listeners, access control), and
// `dapr list` shows the eight apps with their ports. The CLI sends no API token,
// so `dapr invoke` and `dapr publish` are refused by the token-guarded sidecars.
import { execFile } from 'node:child_process';
import { readFile, readdir } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import test from 'ava';
import { parse } from 'yaml';
import { call, users } from '../support/api.ts';
import { repo, sidecarHttpPorts, startCommand, takenPorts, untilPrinted } from './support/processes.ts';

const run = promisify(execFile);
const dapr = join(homedir(), '.dapr', 'bin', 'dapr');

interface RunFileApp {
  appID: string;
  appPort: number;
  daprHTTPPort: number;
  daprGRPCPort: number;
}

/** Every running daprd: its command line and its environment. */
async function daprds(): Promise<Array<{ pid: number; args: string[]; env: Map<string, string> }>> {
  const found = [];
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const args = (await readFile(`/proc/${entry}/cmdline`, 'utf8').catch(() => '')).split('\0');
    if (!args[0]?.endsWith('/daprd')) continue;
    const environ = (await readFile(`/proc/${entry}/environ`, 'utf8').catch(() => '')).split('\0');
    const env = new Map(environ.map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)]));
    found.push({ pid: Number(entry), args, env });
  }
  return found;
}

test('dapr run -f . starts the stack with each sidecar’s own secrets, and dapr list shows it', async (t) => {
  const runFile = parse(await readFile(join(repo, 'dapr.yaml'), 'utf8')) as { apps: RunFileApp[] };
  const secrets = JSON.parse(await readFile(join(repo, '.data', 'secrets', 'apps.json'), 'utf8')) as Record<
    string,
    { daprApiToken: string }
  >;
  const infra = startCommand(process.execPath, ['--import', 'tsx', 'tools/infra.ts']);
  await untilPrinted(t, infra, 'dapr run -f .', 150_000);
  const cli = startCommand(dapr, ['run', '-f', '.']);
  t.teardown(async () => {
    cli.interrupt();
    infra.interrupt();
    await Promise.all([cli.exited, infra.exited]);
  });
  const began = Date.now();
  for (;;) {
    const healthy = await Promise.all(
      [...sidecarHttpPorts.map((p) => `http://127.0.0.1:${p}/v1.0/healthz`), 'http://localhost:8080/health'].map(
        (url) =>
          fetch(url).then(
            (r) => r.ok,
            () => false,
          ),
      ),
    );
    if (healthy.every(Boolean)) break;
    if (cli.child.exitCode !== null || Date.now() - began > 120_000) {
      t.fail(`not every app and sidecar answered within 120 s:\n${cli.output().slice(-4000)}`);
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  t.log(`healthy ${((Date.now() - began) / 1000).toFixed(1)} s after dapr run -f .`);

  // dapr list sees the eight apps with the run file's ports.
  const listed = JSON.parse((await run(dapr, ['list', '-o', 'json'])).stdout) as Array<{
    appId: string;
    httpPort: number;
    grpcPort: number;
    appPort: number;
  }>;
  t.deepEqual(
    listed.map((a) => [a.appId, a.httpPort, a.grpcPort, a.appPort]).sort(),
    runFile.apps.map((a) => [a.appID, a.daprHTTPPort, a.daprGRPCPort, a.appPort]).sort(),
  );

  // Each daprd has its own app's API token, and no other app's; mTLS and loopback-only listeners.
  const running = await daprds();
  t.is(running.length, runFile.apps.length);
  for (const daprd of running) {
    const appId = daprd.args[daprd.args.indexOf('--app-id') + 1] ?? '';
    t.is(daprd.env.get('DAPR_API_TOKEN'), secrets[appId]?.daprApiToken, `${appId}'s sidecar has its own token`);
    const others = Object.entries(secrets).filter(([id]) => id !== appId);
    t.false(
      others.some(([, s]) => [...daprd.env.values()].includes(s.daprApiToken)),
      `${appId}'s sidecar holds no other app's token`,
    );
    t.true(daprd.args.includes('--enable-mtls'), `${appId}'s sidecar uses mTLS`);
    const last = (flag: string) => daprd.args[daprd.args.lastIndexOf(flag) + 1];
    t.is(last('--dapr-internal-grpc-listen-address'), '127.0.0.1');
    t.is(last('--metrics-listen-address'), '127.0.0.1');
  }

  // The walkthrough's first steps work through the ingress and the sidecars (mTLS, access control).
  const alice = await users.alice();
  t.is((await call('GET', '/mypage?limit=1', { token: alice })).status, 200, 'my page through the sidecars');
  t.is((await call('GET', '/rooms')).status, 200);

  // The CLI's invoke and publish carry no token: the sidecars refuse them.
  const invoke = await run(dapr, ['invoke', '--app-id', 'roominfo', '--method', 'health', '--verb', 'GET']).then(
    () => 'answered',
    (error: { stdout?: string; stderr?: string }) => `${error.stdout ?? ''}${error.stderr ?? ''}`,
  );
  t.regex(invoke, /401|invalid api token|Unauthorized/i, 'dapr invoke is refused');
  const publish = await run(dapr, [
    'publish',
    '--publish-app-id',
    'reservation',
    '--pubsub',
    'pubsub',
    '--topic',
    'ReservationPlaced',
    '--data',
    '{}',
  ]).then(
    () => 'answered',
    (error: { stdout?: string; stderr?: string }) => `${error.stdout ?? ''}${error.stderr ?? ''}`,
  );
  t.regex(publish, /401|invalid api token|Unauthorized/i, 'dapr publish is refused');

  cli.interrupt();
  await cli.exited;
  infra.interrupt();
  t.is(await infra.exited, 0);
  t.deepEqual(await daprds(), [], 'no daprd is left');
  t.deepEqual(await takenPorts(), [], 'no port is left taken');
  await t.throwsAsync(readdir(join(repo, '.data', 'secrets', 'run')), undefined, 'the run secrets are gone');
});
