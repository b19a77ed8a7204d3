// The consumer's side of every invocation contract: one generic stub, made from
// the contracts' interactions. It speaks the sidecar's HTTP API (the SDK's
// /v1.0/metadata and /v1.0/invoke/<app>/method/<path>), so the consumer runs
// as in production: its real adapter, platform's `invoke`, the Dapr SDK. A
// request that matches the interaction the test armed is answered with that
// interaction's example, cut down to the fields the consumer said it reads, and
// leaves the app as platform's http makes it leave (a refusal in its envelope).
// Anything else is recorded as unmatched, and fails the test.
import { once } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isDeepStrictEqual } from 'node:util';
import { CommunicationProtocolEnum, DaprClient, LogLevel } from '@dapr/dapr';
import type { ExecutionContext } from 'ava';
import { answerToInvocation } from '@roomstay/platform';
import { type AppId, type Interaction, type InvocationContract, splitPath } from './contract.ts';

/**
 * How the path to the provider fails instead of reaching it, as the caller's
 * sidecar reports it: its resiliency timeout or open circuit breaker (500,
 * ERR_DIRECT_INVOKE), the app's own 503, or a connection that drops.
 */
export type PathFailure = 'timeout' | 'circuit-open' | 'app-unavailable' | 'connection-reset';
export const pathFailures: readonly PathFailure[] = ['timeout', 'circuit-open', 'app-unavailable', 'connection-reset'];

/** The API token the consumer presents to its own sidecar (DAPR_API_TOKEN). */
const consumerApiToken = 'contract-consumer-api-token';

export interface SeenRequest {
  appId: string;
  method: string;
  path: string;
  headers: Record<string, string>;
  body: string;
}

export interface StubSidecar {
  /** The consumer's client of its own sidecar, as platform's createDaprClient makes it. */
  client: DaprClient;
  /** The next request must be this interaction (one at a time: the same request may mean another state). */
  arm(interaction: Interaction): void;
  /** The next invocation fails on the way instead of reaching the provider. */
  failNext(failure: PathFailure): void;
  /** Invocations that matched the armed interaction. */
  readonly matched: Interaction[];
  /** Invocations nothing in the contracts allows, with why. */
  readonly unmatched: string[];
  /** Every invocation, as it reached the sidecar. */
  readonly seen: SeenRequest[];
}

/** Why the request is not the interaction's, or undefined when it is. */
export function mismatch(interaction: Interaction, seen: SeenRequest): string | undefined {
  const want = interaction.request;
  if (seen.method !== want.method) return `method ${seen.method}, not ${want.method}`;
  const got = splitPath(seen.path);
  const expected = splitPath(want.path);
  if (got.pathname !== expected.pathname) return `path ${got.pathname}, not ${expected.pathname}`;
  if (!isDeepStrictEqual(got.query, expected.query))
    return `query ${got.query.join('&')}, not ${expected.query.join('&')}`;
  for (const [name, value] of Object.entries(want.headers ?? {})) {
    const sent = seen.headers[name.toLowerCase()];
    // A content type may carry parameters (a charset); the media type is what matters.
    const same = name.toLowerCase() === 'content-type' ? sent?.split(';')[0]?.trim() === value : sent === value;
    if (!same) return `header ${name}: ${String(sent)}, not ${value}`;
  }
  if (want.body === undefined) return seen.body === '' ? undefined : `a body (${seen.body}) where none is expected`;
  if (typeof want.body === 'string') return seen.body === want.body ? undefined : `body ${seen.body}, not ${want.body}`;
  let body: unknown;
  try {
    body = JSON.parse(seen.body);
  } catch {
    return `body ${seen.body} is not JSON`;
  }
  return isDeepStrictEqual(body, want.body)
    ? undefined
    : `body ${JSON.stringify(body)}, not ${JSON.stringify(want.body)}`;
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

/** What the caller's sidecar answers for a path that failed. */
function answerFailure(res: ServerResponse, failure: PathFailure, appId: string): void {
  switch (failure) {
    case 'timeout':
      return send(res, 500, {
        errorCode: 'ERR_DIRECT_INVOKE',
        message: `failed to invoke, id: ${appId}, err: context deadline exceeded`,
      });
    case 'circuit-open':
      return send(res, 500, {
        errorCode: 'ERR_DIRECT_INVOKE',
        message: `fail to invoke, id: ${appId}, err: circuit breaker is open`,
      });
    case 'app-unavailable':
      return send(
        res,
        503,
        { error: { code: 'service_unavailable', message: 'the service could not complete the request' } },
        { 'retry-after': '5' },
      );
    case 'connection-reset':
      res.socket?.destroy();
      return;
  }
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * A sidecar for one consumer in front of stub providers, one per contract
 * (all of that consumer's), until the test ends.
 */
export async function stubSidecar(t: ExecutionContext, contracts: readonly InvocationContract[]): Promise<StubSidecar> {
  const consumer = contracts[0]?.consumer;
  if (!consumer || contracts.some((c) => c.consumer !== consumer)) throw new Error('one consumer per stub sidecar');
  const providers = new Set<AppId>(contracts.map((c) => c.provider));
  let armed: Interaction | undefined;
  let failure: PathFailure | undefined;
  const matched: Interaction[] = [];
  const unmatched: string[] = [];
  const seen: SeenRequest[] = [];

  const server = createServer((req, res) => {
    void (async () => {
      const body = await readBody(req);
      const url = req.url ?? '/';
      // The SDK asks whether its sidecar is up before the first call.
      if (req.method === 'GET' && url === '/v1.0/metadata') return send(res, 200, { id: consumer });
      if (req.headers['dapr-api-token'] !== consumerApiToken) {
        unmatched.push(`${req.method} ${url} without the consumer's API token`);
        return send(res, 401, { errorCode: 'ERR_API_TOKEN', message: 'invalid api token' });
      }
      const invocation = /^\/v1\.0\/invoke\/([^/]+)\/method(\/.*)$/.exec(url);
      if (!invocation?.[1] || !invocation[2]) {
        unmatched.push(`${req.method} ${url} is not a service invocation`);
        return send(res, 404, { errorCode: 'ERR_NOT_FOUND', message: 'not a sidecar API' });
      }
      const appId = invocation[1];
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(req.headers)) if (typeof value === 'string') headers[name] = value;
      const request: SeenRequest = { appId, method: req.method ?? '', path: invocation[2], headers, body };
      seen.push(request);
      if (!providers.has(appId as AppId)) {
        unmatched.push(`${request.method} ${request.path} to ${appId}, which ${consumer} has no contract with`);
        return send(res, 500, { errorCode: 'ERR_DIRECT_INVOKE', message: `fail to invoke, id: ${appId}` });
      }
      if (failure) {
        const now = failure;
        failure = undefined;
        return answerFailure(res, now, appId);
      }
      const expected = armed;
      armed = undefined;
      const why = !expected
        ? 'no interaction was armed'
        : contracts.find((c) => c.interactions.includes(expected))?.provider !== appId
          ? `sent to ${appId}, not to the provider of "${expected.description}"`
          : mismatch(expected, request);
      if (!expected || why) {
        unmatched.push(`${request.method} ${request.path} to ${appId}: ${why ?? ''}`);
        return send(res, 500, { errorCode: 'ERR_DIRECT_INVOKE', message: 'no interaction of the contract matches' });
      }
      matched.push(expected);
      const { status, body: need, example, headers: answerHeaders = {} } = expected.response;
      // The consumer gets only what it said it reads.
      const answer = answerToInvocation(status, need.parse(example), (name) => answerHeaders[name] ?? '');
      return send(res, answer.status, answer.body, answer.status === status ? answerHeaders : {});
    })().catch((error: unknown) => {
      unmatched.push(`the stub failed: ${String(error)}`);
      send(res, 500, { errorCode: 'ERR_STUB', message: String(error) });
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  t.teardown(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
  const client = new DaprClient({
    daprHost: '127.0.0.1',
    daprPort: String((server.address() as AddressInfo).port),
    daprApiToken: consumerApiToken,
    communicationProtocol: CommunicationProtocolEnum.HTTP,
    isKeepAlive: false,
    logger: { level: LogLevel.Error },
  });
  return {
    client,
    arm: (interaction) => void (armed = interaction),
    failNext: (next) => void (failure = next),
    matched,
    unmatched,
    seen,
  };
}

/** The stub saw exactly the armed interaction, and nothing the contracts do not allow. */
export function assertMet(t: ExecutionContext, stub: StubSidecar, interaction: Interaction): void {
  t.deepEqual(stub.unmatched, [], 'every request the consumer sent is one of its contracts');
  t.deepEqual(
    stub.matched.map((i) => i.description),
    [interaction.description],
    'the consumer sent the interaction once',
  );
}
