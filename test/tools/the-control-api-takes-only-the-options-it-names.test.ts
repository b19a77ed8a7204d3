// The control API starts app instances with the test profile's options, and
// signals and restarts processes: it takes only the options, signals, apps and
// processes it names, each value checked, and answers anything else 400 (or 404
// for what does not exist) with a JSON error, doing nothing. Before, any query
// parameter became the started app's environment (NODE_OPTIONS included).
import test from 'ava';
import { recordedControl } from './support/control.ts';

test('an instance starts with the options the control API names, their values checked', async (t) => {
  const control = await recordedControl(t);
  const started = await control.send(
    'POST',
    '/apps/promotion/instances/0?FAULT_DELAY_MS=900-1200&FAULT_FAILURE_RATE=0.5',
  );
  t.is(started.status, 200);
  const held = await control.send(
    'POST',
    '/apps/reservation/instances/0?RESERVATION_HOLD_SECONDS=4&RESERVATION_HOLD_LIMIT=2',
  );
  t.is(held.status, 200);
  t.deepEqual(control.calls, [
    'startInstance("promotion",0,{"FAULT_DELAY_MS":"900-1200","FAULT_FAILURE_RATE":"0.5"})',
    'startInstance("reservation",0,{"RESERVATION_HOLD_SECONDS":"4","RESERVATION_HOLD_LIMIT":"2"})',
  ]);
});

test('an option the control API does not name, or a value it does not take, is refused with 400 and starts nothing', async (t) => {
  const control = await recordedControl(t);
  for (const query of [
    'NODE_OPTIONS=--require%3D%2Ftmp%2Fevil.js',
    'PATH=%2Ftmp',
    'APP_API_TOKEN=mine',
    'FAULT_DELAY_MS=soon',
    'FAULT_DELAY_MS=1&FAULT_DELAY_MS=2',
    'FAULT_FAILURE_RATE=2',
    'RESERVATION_HOLD_SECONDS=-1',
    'RESERVATION_HOLD_LIMIT=many',
  ]) {
    const answer = await control.send('POST', `/apps/promotion/instances/0?${query}`);
    t.is(answer.status, 400, query);
    t.is(typeof (answer.body as { error?: unknown }).error, 'string', query);
  }
  t.deepEqual(control.calls, []);
});

test('an unknown app is 404 and an instance number that is not 0-9 is 400', async (t) => {
  const control = await recordedControl(t);
  t.is((await control.send('POST', '/apps/mallory/instances/0')).status, 404);
  t.is((await control.send('DELETE', '/apps/mallory/instances/0')).status, 404);
  for (const n of ['10', '-1', '1.5', 'x']) {
    t.is((await control.send('POST', `/apps/payment/instances/${n}`)).status, 400, n);
    t.is((await control.send('DELETE', `/apps/payment/instances/${n}`)).status, 400, n);
  }
  t.deepEqual(control.calls, []);
});

test('signals are the ones chaos sends, processes the stack runs; anything else is refused and sent nothing', async (t) => {
  const control = await recordedControl(t);
  for (const query of ['signal=SIGHUP', 'signal=SIGKILL&wait=forever', 'signal=SIGKILL&extra=1', 'signal=9']) {
    const answer = await control.send('POST', `/processes/kafka/signal?${query}`);
    t.is(answer.status, 400, query);
    t.is(typeof (answer.body as { error?: unknown }).error, 'string', query);
  }
  t.is((await control.send('POST', '/processes/sshd/signal?signal=SIGKILL')).status, 404);
  t.is((await control.send('POST', '/processes/sshd/restart')).status, 404);
  t.is((await control.send('POST', '/stack/restart?signal=SIGHUP')).status, 400);
  t.deepEqual(control.calls, []);
  t.is((await control.send('POST', '/processes/app-promotion/signal?signal=SIGSTOP')).status, 200);
  t.is((await control.send('POST', '/processes/kafka/signal?signal=SIGTERM&wait=exit')).status, 200);
  t.deepEqual(control.calls, ['signal("app-promotion","SIGSTOP")', 'signal("kafka","SIGTERM")', 'exited("kafka")']);
});
