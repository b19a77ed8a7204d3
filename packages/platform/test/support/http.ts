// In-process HTTP for tests: serves a Koa app on an ephemeral loopback port and
// talks to it with fetch. No Dapr, no network beyond 127.0.0.1. Shared by the
// services' tests (every service is built on this package's Koa base).
import { once } from 'node:events';
import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import type { ExecutionContext } from 'ava';
import {
  type CloudEventEnvelope,
  ErrorBody,
  eventType,
  type EventPayload,
  InternalRefusal,
  type Topic,
} from '@roomstay/contracts';

/** Anything with Koa's `listen`. */
export interface Listening {
  listen(port: number, host: string): Server;
}

export interface Reply {
  status: number;
  headers: Headers;
  /** Parsed JSON when the answer is JSON, else the text. */
  body: unknown;
}

export interface RequestOptions {
  /** Sent as JSON with `content-type: application/json`. */
  body?: unknown;
  /** Sent as it is (with whatever content-type `headers` names). */
  raw?: string;
  headers?: Record<string, string>;
}

export type Delivery = 'SUCCESS' | 'RETRY' | 'DROP';

export interface Client {
  /** http://127.0.0.1:<port>, for requests the helpers do not make. */
  base: string;
  request(method: string, path: string, options?: RequestOptions): Promise<Reply>;
  get(path: string, headers?: Record<string, string>): Promise<Reply>;
  post(path: string, body?: unknown, headers?: Record<string, string>): Promise<Reply>;
  /** POSTs a CloudEvent to `/events/<topic>` as the sidecar would, and returns the delivery status. */
  deliver<T extends Topic>(topic: T, id: string, data: EventPayload<T>): Promise<Delivery>;
  /** The same with any data, for malformed events. */
  deliverRaw(topic: Topic, envelope: unknown): Promise<Delivery>;
  /** Sends the path byte for byte (fetch would resolve dot segments and escapes first). */
  raw(method: string, path: string, headers?: Record<string, string>): Promise<Reply>;
}

/** One request whose path is sent exactly as given, with node:http. */
export function rawRequest(
  port: number,
  method: string,
  path: string,
  headers: Record<string, string> = {},
  body?: string,
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const sized = body === undefined ? headers : { ...headers, 'content-length': String(Buffer.byteLength(body)) };
    const req = httpRequest({ host: '127.0.0.1', port, method, path, headers: sized }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        const responseHeaders = new Headers();
        for (const [name, value] of Object.entries(res.headers)) {
          if (typeof value === 'string') responseHeaders.set(name, value);
        }
        const isJson = (res.headers['content-type'] ?? '').includes('json');
        resolve({
          status: res.statusCode ?? 0,
          headers: responseHeaders,
          body: isJson && text !== '' ? (JSON.parse(text) as unknown) : text,
        });
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}

/**
 * What the caller of an invocation sees: a refusal sent to the sidecar as an
 * InternalRefusal envelope, back as the refusal (as platform's `invoke` does).
 */
export function unwrapRefusal(reply: Reply): Reply {
  const refusal = reply.status === 200 ? InternalRefusal.safeParse(reply.body) : undefined;
  if (!refusal?.success) return reply;
  const headers = new Headers(reply.headers);
  for (const [name, value] of Object.entries(refusal.data.refused.headers)) headers.set(name, value);
  return { status: refusal.data.refused.status, headers, body: refusal.data.refused.body };
}

/** The app token the services' in-process tests give their apps (APP_API_TOKEN). */
export const testAppToken = 'test-app-token';

/**
 * What the app's own sidecar sends with a call the gateway made: the app
 * token, and the caller's app id as the sidecars attest it.
 */
export const fromGatewaySidecar = { 'dapr-api-token': testAppToken, 'dapr-caller-app-id': 'gateway' } as const;

/** The identity headers the gateway sends for a customer (with `fromGatewaySidecar`, believed). */
export const asCustomer = (customerId: string): Record<string, string> => ({
  'x-caller-id': customerId,
  'x-caller-name': customerId,
  'x-caller-role': 'customer',
});

/**
 * Serves the app on 127.0.0.1:<ephemeral> until the test ends. Requests carry
 * `sidecarHeaders` (by default those of a call from the gateway through the
 * app's sidecar) under any headers a request names itself.
 */
export async function serve(
  t: ExecutionContext,
  app: Listening,
  sidecarHeaders: Record<string, string> = fromGatewaySidecar,
): Promise<Client> {
  const server = app.listen(0, '127.0.0.1');
  await once(server, 'listening');
  t.teardown(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
  const { port } = server.address() as AddressInfo;
  const base = `http://127.0.0.1:${port}`;

  async function request(method: string, path: string, options: RequestOptions = {}): Promise<Reply> {
    const headers: Record<string, string> = { ...sidecarHeaders, ...(options.headers ?? {}) };
    let body: string | undefined;
    if (options.raw !== undefined) {
      body = options.raw;
    } else if (options.body !== undefined) {
      body = JSON.stringify(options.body);
      headers['content-type'] ??= 'application/json';
    }
    const response = await fetch(`${base}${path}`, {
      method,
      headers,
      redirect: 'manual',
      ...(body === undefined ? {} : { body }),
    });
    const text = await response.text();
    const isJson = (response.headers.get('content-type') ?? '').includes('json');
    return unwrapRefusal({
      status: response.status,
      headers: response.headers,
      body: isJson && text !== '' ? (JSON.parse(text) as unknown) : text,
    });
  }

  async function deliverRaw(topic: Topic, envelope: unknown): Promise<Delivery> {
    const reply = await request('POST', `/events/${topic}`, {
      body: envelope,
      headers: { 'content-type': 'application/cloudevents+json' },
    });
    if (reply.status !== 200)
      throw new Error(`/events/${topic} answered ${reply.status}: ${JSON.stringify(reply.body)}`);
    return deliveryOf(reply.body);
  }

  return {
    base,
    request,
    get: (path, headers) => request('GET', path, headers ? { headers } : {}),
    post: (path, body, headers) => request('POST', path, { body, ...(headers ? { headers } : {}) }),
    deliver: (topic, id, data) => deliverRaw(topic, cloudEvent(topic, id, data)),
    deliverRaw,
    raw: (method, path, headers) => rawRequest(port, method, path, { ...sidecarHeaders, ...headers }),
  };
}

/** A CloudEvent as Dapr delivers it. */
export function cloudEvent<T extends Topic>(topic: T, id: string, data: EventPayload<T>): CloudEventEnvelope {
  return {
    specversion: '1.0',
    id,
    source: 'test',
    type: eventType(topic),
    subject: 'reservationId' in data ? data.reservationId : undefined,
    datacontenttype: 'application/json',
    data,
  };
}

function deliveryOf(body: unknown): Delivery {
  if (typeof body === 'object' && body !== null && 'status' in body) {
    const { status } = body;
    if (status === 'SUCCESS' || status === 'RETRY' || status === 'DROP') return status;
  }
  throw new Error(`not a delivery answer: ${JSON.stringify(body)}`);
}

/** The `error` of an error answer; throws when the body is not one. */
export function errorOf(reply: Reply): ErrorBody['error'] {
  return ErrorBody.parse(reply.body).error;
}

/** Parses an answer with a contract schema, so the test also checks the wire shape. */
export function bodyAs<T>(schema: { parse(input: unknown): T }, reply: Reply): T {
  return schema.parse(reply.body);
}
