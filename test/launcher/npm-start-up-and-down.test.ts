// `npm start` brings everything up through the launcher and Ctrl-C (SIGINT)
// takes all of it down: no process and no port left for the next start.
import { spawn } from 'node:child_process';
import { connect } from 'node:net';
import test from 'ava';

const repo = new URL('../../', import.meta.url).pathname;
const appPorts = [8080, 7001, 7002, 7003, 7004, 7005, 7006, 7007];
const sidecarPorts = [3500, 3501, 3502, 3503, 3504, 3505, 3506, 3507].flatMap((p) => [p, p + 100, p + 200]);
const portsOfTheStack = [...appPorts, ...sidecarPorts, 9092, 9093, 6380, 5433, 50001, 50080];

function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ port, host: '127.0.0.1' });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

test('npm start serves the ingress and every sidecar, and SIGINT stops everything it started', async (t) => {
  const start = spawn(process.execPath, ['--import', 'tsx', 'tools/start.ts'], {
    cwd: repo,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  start.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  start.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => start.once('exit', (code) => resolve(code)));
  const began = Date.now();
  while (!output.includes('Ctrl-C stops everything')) {
    if (start.exitCode !== null) t.fail(`npm start exited early:\n${output}`);
    if (Date.now() - began > 150_000) t.fail(`not ready within 150 s:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  t.regex(output, /Ingress:\s+http:\/\/localhost:8080/);
  t.regex(output, /payment\s+7004\s+3504/);
  t.is((await fetch('http://localhost:8080/rooms')).status, 200, 'the ingress answers');
  for (const port of [3500, 3501, 3502, 3503, 3504, 3505, 3506, 3507]) {
    t.is((await fetch(`http://127.0.0.1:${port}/v1.0/healthz`)).status, 204, `sidecar on ${port} is healthy`);
  }
  t.log(`ready after ${((Date.now() - began) / 1000).toFixed(1)} s`);

  start.kill('SIGINT');
  t.is(await exited, 0, 'npm start exits cleanly on SIGINT');
  const stillTaken = [];
  for (const port of portsOfTheStack) if (await listening(port)) stillTaken.push(port);
  t.deepEqual(stillTaken, [], 'no port is left taken');
});
