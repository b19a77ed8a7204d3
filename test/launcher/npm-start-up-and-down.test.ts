// `npm start` brings everything up through the launcher and Ctrl-C (SIGINT)
// takes all of it down: no process and no port left for the next start.
import test from 'ava';
import { npmStart, npmStartReady, sidecarHttpPorts, takenPorts, untilPrinted } from './support/processes.ts';

test('npm start serves the ingress and every sidecar, and SIGINT stops everything it started', async (t) => {
  const start = npmStart();
  const readyMs = await untilPrinted(t, start, npmStartReady, 150_000);
  t.regex(start.output(), /Ingress:\s+http:\/\/localhost:8080/);
  t.regex(start.output(), /payment\s+7004\s+3504/);
  t.is((await fetch('http://localhost:8080/rooms')).status, 200, 'the ingress answers');
  for (const port of sidecarHttpPorts) {
    t.is((await fetch(`http://127.0.0.1:${port}/v1.0/healthz`)).status, 204, `sidecar on ${port} is healthy`);
  }
  t.log(`ready after ${(readyMs / 1000).toFixed(1)} s`);

  start.interrupt();
  t.is(await start.exited, 0, 'npm start exits cleanly on SIGINT');
  t.deepEqual(await takenPorts(), [], 'no port is left taken');
});
