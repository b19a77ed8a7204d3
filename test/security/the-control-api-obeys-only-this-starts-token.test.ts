// The test launcher's control API (tools/stack/control.ts) kills processes and
// starts apps: a local process without this start's token gets 401 on every
// route, and even its bearer cannot hand an app an environment of its choosing.
import { readFileSync } from 'node:fs';
import test from 'ava';
import { appSecrets } from '../support/operator.ts';
import { controlUrl } from '../support/stack.ts';
import { refused } from './support/attacks.ts';

const token = () => readFileSync(new URL('../../.data/secrets/control-token', import.meta.url), 'utf8').trim();

async function send(method: string, path: string, authorization?: string) {
  const response = await fetch(`${controlUrl}${path}`, {
    method,
    headers: authorization === undefined ? {} : { authorization },
  });
  return { status: response.status, body: (await response.json()) as { error?: string } };
}

test('the control API refuses every caller without the token of this start', async (t) => {
  for (const [method, path] of [
    ['GET', '/processes'],
    ['POST', '/processes/app-payment/signal?signal=SIGKILL'],
    ['POST', '/stack/restart?signal=SIGKILL'],
    ['POST', '/apps/payment/instances/1'],
  ] as const) {
    for (const [who, authorization] of [
      ['no token', undefined],
      ['a guessed token', 'Bearer guessed'],
      ["an app's sidecar token", `Bearer ${appSecrets('payment').daprApiToken}`],
    ] as const) {
      const answer = await send(method, path, authorization);
      refused(t, `control API ${method} ${path} with ${who}`, answer.status === 401, answer);
    }
  }
});

test("the control API's bearer cannot start an app with an environment of its choosing", async (t) => {
  for (const query of ['NODE_OPTIONS=--require%3D%2Ftmp%2Fx.js', 'APP_API_TOKEN=chosen', 'PATH=%2Ftmp']) {
    const answer = await send('POST', `/apps/payment/instances/1?${query}`, `Bearer ${token()}`);
    refused(t, `control API starts payment#1 with ${query}`, answer.status === 400, answer);
  }
});
