import test from 'ava';
import { createHttpApp, Router } from '../src/http.ts';
import { callerOf } from '../src/identity.ts';
import { silentLogger } from '../src/log.ts';
import { asCustomer, errorOf, serve, testAppToken } from './support/http.ts';

function app() {
  const router = new Router();
  router.get('/whoami', (ctx) => {
    ctx.body = callerOf(ctx);
  });
  return createHttpApp({ callers: { sidecarToken: testAppToken }, logger: silentLogger, routers: [router] });
}

const viaSidecar = (callerAppId?: string) => ({
  'dapr-api-token': testAppToken,
  ...(callerAppId === undefined ? {} : { 'dapr-caller-app-id': callerAppId }),
});

test('identity headers from the gateway, as the sidecars attest it, are believed', async (t) => {
  const api = await serve(t, app(), viaSidecar('gateway'));
  const reply = await api.get('/whoami', asCustomer('alice'));
  t.is(reply.status, 200);
  t.like(reply.body, { customerId: 'alice', role: 'customer' });
});

test('identity headers from any other app, or from no app, are refused with 403', async (t) => {
  for (const caller of ['roominfo', 'payment', undefined, '']) {
    const api = await serve(t, app(), viaSidecar(caller));
    const reply = await api.get('/whoami', { ...asCustomer('alice'), 'x-caller-role': 'admin' });
    t.is(reply.status, 403, `caller ${caller}`);
    t.is(errorOf(reply).code, 'forbidden');
  }
});

test('a forged caller id shows up before the attested one and is refused', async (t) => {
  // What an app's sidecar forwards when the app itself sent dapr-caller-app-id: gateway.
  const api = await serve(t, app(), viaSidecar('gateway, roominfo'));
  const reply = await api.get('/whoami', asCustomer('alice'));
  t.is(reply.status, 403);
});
