// The gateway as a consumer: its real app (routes, validation, identity
// headers, relay), its real upstream through the Dapr SDK to a stub sidecar,
// tokens and limits in memory.
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import type { ExecutionContext } from 'ava';
import { RateLimiterMemory } from 'rate-limiter-flexible';
import { silentLogger } from '@roomstay/platform';
import { daprUpstream } from '../../../services/gateway/src/adapters/forward.ts';
import { createLimits, defaultLimits } from '../../../services/gateway/src/adapters/limits.ts';
import { createApp } from '../../../services/gateway/src/app.ts';
import { FakeTokens } from '../../../services/gateway/test/support/fakes.ts';
import { gatewayContracts } from '../edges/index.ts';
import { callers, type ClientRequest } from './gateway.ts';
import { stubSidecar, type StubSidecar } from './stub-sidecar.ts';

export interface PublicReply {
  status: number;
  headers: Headers;
  body: unknown;
}

/** Sends what a client sends, signed in as it says; the answer as the client gets it. */
export type Send = (request: ClientRequest) => Promise<PublicReply>;

export async function gatewayBeforeStubs(t: ExecutionContext): Promise<{ send: Send; stub: StubSidecar }> {
  const stub = await stubSidecar(t, gatewayContracts);
  const app = createApp({
    tokens: new FakeTokens({ ...callers }),
    // Pages (auth's sign-in) are not JSON invocations; their edge is tested on the real stack.
    upstream: daprUpstream(stub.client, { port: '1', apiToken: 'unused' }),
    limits: createLimits(
      (name, budget) => new RateLimiterMemory({ keyPrefix: name, points: budget.points, duration: budget.seconds }),
      { ...defaultLimits, perClient: { points: 10_000, seconds: 10 } },
    ),
    logger: silentLogger,
    publicUrl: 'http://localhost:8080',
  });
  const server = app.listen(0, '127.0.0.1');
  await once(server, 'listening');
  t.teardown(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const send: Send = async (request) => {
    const headers: Record<string, string> = {
      ...(request.body !== undefined && typeof request.body !== 'string' ? { 'content-type': 'application/json' } : {}),
      ...(request.headers ?? {}),
      ...(request.as ? { authorization: `Bearer ${request.as}` } : {}),
    };
    const body = typeof request.body === 'string' ? request.body : JSON.stringify(request.body);
    const response = await fetch(`${base}${request.path}`, {
      method: request.method,
      headers,
      ...(request.body === undefined ? {} : { body }),
    });
    const text = await response.text();
    return {
      status: response.status,
      headers: response.headers,
      body: text ? (JSON.parse(text) as unknown) : undefined,
    };
  };
  return { send, stub };
}
