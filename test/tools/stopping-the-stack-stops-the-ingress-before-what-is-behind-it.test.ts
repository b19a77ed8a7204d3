// Ctrl-C (and the whole-stack restart of chaos 15) stops the ingress alone first:
// a request it holds finishes against services that still answer, instead of
// meeting a service stopped under it (a 503 for a request begun before the stop).
import test from 'ava';
import { logSinceStart, Supervisor } from '../../tools/stack/supervisor.ts';

const ingress = 'test-stop-order-ingress';
const behind = 'test-stop-order-behind';

// Takes a moment to stop, as an ingress finishing what it holds does.
const ingressScript = `process.on('SIGTERM', () => setTimeout(() => process.exit(0), 500)); console.log('up'); setInterval(() => {}, 1000);`;
// Says, when told to stop, whether the ingress is still running.
const behindScript = `process.on('SIGTERM', () => {
  let up = true;
  try { process.kill(Number(process.env.INGRESS_PID), 0); } catch { up = false; }
  console.log(up ? 'stopped while the ingress was up' : 'stopped after the ingress');
  process.exit(0);
}); console.log('up'); setInterval(() => {}, 1000);`;

test('stopping everything stops the ingress, and only then the services behind it', async (t) => {
  const supervisor = new Supervisor();
  t.teardown(() => supervisor.killAll());
  // Up once its stop handler is in place, as it says on a line of its own.
  const ready = (name: string) => async (): Promise<boolean> => /^up$/m.test(await logSinceStart(name));
  await supervisor.start({
    name: ingress,
    command: process.execPath,
    args: ['-e', ingressScript],
    ready: ready(ingress),
  });
  const pid = supervisor.status().find((p) => p.name === ingress)?.pid;
  await supervisor.start({
    name: behind,
    command: process.execPath,
    args: ['-e', behindScript],
    env: { ...process.env, INGRESS_PID: String(pid) },
    ready: ready(behind),
  });

  await supervisor.stopAll((names) => names.filter((n) => n === ingress));

  t.regex(await logSinceStart(behind), /^stopped after the ingress$/m);
  t.false(supervisor.status().some((p) => p.running));
});
