// The control API can kill any process of the stack and start apps with
// faults: only the bearer of the token written for this start (in
// .data/secrets, 0600) may use it, whoever else can reach the port.
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'ava';
import { writeControlToken } from '../../tools/stack/control.ts';
import { recordedControl, token } from './support/control.ts';

const routes: Array<[string, string]> = [
  ['GET', '/processes'],
  ['POST', '/processes/kafka/signal?signal=SIGKILL'],
  ['POST', '/processes/kafka/restart'],
  ['POST', '/processes/kafka/stop'],
  ['POST', '/stack/restart?signal=SIGKILL'],
  ['POST', '/apps/payment/instances/1'],
  ['DELETE', '/apps/payment/instances/1'],
  ['GET', '/no-such-route'],
];

test('every control route refuses a caller without the token, or with another, with 401 and does nothing', async (t) => {
  const control = await recordedControl(t);
  for (const [method, path] of routes) {
    for (const bearer of [false, 'not-the-token', `${token}x`] as const) {
      const answer = await control.send(method, path, bearer);
      t.is(answer.status, 401, `${method} ${path} with ${bearer === false ? 'no token' : bearer}`);
      t.like(answer.body, { error: 'the control API needs the bearer token of this start' });
      t.is(answer.headers.get('www-authenticate'), 'Bearer');
    }
  }
  t.deepEqual(control.calls, []);
});

test("the bearer of this start's token is obeyed", async (t) => {
  const control = await recordedControl(t);
  t.is((await control.send('POST', '/processes/kafka/restart')).status, 200);
  t.deepEqual(control.calls, ['restart("kafka")']);
});

test('each start writes a token of its own, readable by its owner only', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'control-token-'));
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  const file = join(dir, 'secrets', 'control-token');
  const first = await writeControlToken(file);
  t.is((await stat(file)).mode & 0o777, 0o600);
  t.is(await readFile(file, 'utf8'), first);
  const second = await writeControlToken(file);
  t.not(second, first);
  t.is(await readFile(file, 'utf8'), second);
  t.true(second.length >= 32, 'long enough not to be guessed');
});
