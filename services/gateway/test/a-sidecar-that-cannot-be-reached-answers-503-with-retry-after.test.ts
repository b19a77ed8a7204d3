// While the gateway's sidecar restarts, nothing listens on its port: every call
// is refused at once. The gateway answers 503, and says when to try again.
import { once } from 'node:events';
import { createServer, type AddressInfo } from 'node:net';
import test from 'ava';
import { silentLogger } from '@roomstay/platform';
import { createDaprClient } from '@roomstay/platform/dapr';
import { RateLimiterMemory } from 'rate-limiter-flexible';
import { daprUpstream } from '../src/adapters/forward.ts';
import { createLimits, defaultLimits } from '../src/adapters/limits.ts';
import { createApp } from '../src/app.ts';
import { errorOf, serve } from '../../../packages/platform/test/support/http.ts';
import { bearer } from './support/app.ts';
import { FakeTokens } from './support/fakes.ts';

/** A loopback port nothing listens on: taken, then given back. */
async function closedPort(): Promise<string> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return String(port);
}

test('a call the sidecar cannot be reached for answers 503 service_unavailable with Retry-After in whole seconds', async (t) => {
  const port = await closedPort();
  // The client main.ts makes, of a sidecar on that port (this file's process is its own).
  process.env['DAPR_HTTP_PORT'] = port;
  process.env['DAPR_API_TOKEN'] = 'test-dapr-token';
  const client = createDaprClient();
  // The sidecar was up when the gateway started: the client does not wait for it again.
  client.daprClient.setIsInitialized(true);
  const app = createApp({
    tokens: new FakeTokens(),
    upstream: daprUpstream(client, { port, apiToken: 'test-dapr-token' }),
    limits: createLimits(
      (name, budget) => new RateLimiterMemory({ keyPrefix: name, points: budget.points, duration: budget.seconds }),
      defaultLimits,
    ),
    logger: silentLogger,
    publicUrl: 'http://localhost:8080',
  });
  const api = await serve(t, app, {});
  for (const [path, headers] of [
    ['/rooms', {}],
    ['/notices', bearer('alice')],
  ] as const) {
    const reply = await api.get(path, headers);
    t.is(reply.status, 503, path);
    t.is(errorOf(reply).code, 'service_unavailable', path);
    t.regex(reply.headers.get('retry-after') ?? '', /^[1-9][0-9]?$/, path);
  }
});
