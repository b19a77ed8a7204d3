// In-process HTTP for tests: serves a Koa app on an ephemeral loopback port and
// talks to it with fetch. No Dapr, no network beyond 127.0.0.1. Shared by the
// services' tests (every service is built on this package's Koa base).
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import type { ExecutionContext } from 'ava';
import { type CloudEventEnvelope, ErrorBody, eventType, type EventPayload, type Topic } from '@roomstay/contracts';

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
  request(method: string, path: string, options?: RequestOptions): Promise<Reply>;
  get(path: string, headers?: Record<string, string>): Promise<Reply>;
  post(path: string, body?: unknown, headers?: Record<string, string>): Promise<Reply>;
  /** POSTs a CloudEvent to `/events/<topic>` as the sidecar would, and returns the delivery status. */
  deliver<T extends Topic>(topic: T, id: string, data: EventPayload<T>): Promise<Delivery>;
  /** The same with any data, for malformed events. */
  deliverRaw(topic: Topic, envelope: unknown): Promise<Delivery>;
}

/** Serves the app on 127.0.0.1:<ephemeral> until the test ends. */
export async function serve(t: ExecutionContext, app: Listening): Promise<Client> {
  const server = app.listen(0, '127.0.0.1');
  await once(server, 'listening');
  t.teardown(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
  const { port } = server.address() as AddressInfo;
  const base = `http://127.0.0.1:${port}`;

  async function request(method: string, path: string, options: RequestOptions = {}): Promise<Reply> {
    const headers: Record<string, string> = { ...(options.headers ?? {}) };
    let body: string | undefined;
    if (options.raw !== undefined) {
      body = options.raw;
    } else if (options.body !== undefined) {
      body = JSON.stringify(options.body);
      headers['content-type'] ??= 'application/json';
    }
    const response = await fetch(`${base}${path}`, { method, headers, ...(body === undefined ? {} : { body }) });
    const text = await response.text();
    const isJson = (response.headers.get('content-type') ?? '').includes('json');
    return {
      status: response.status,
      headers: response.headers,
      body: isJson && text !== '' ? (JSON.parse(text) as unknown) : text,
    };
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
    request,
    get: (path, headers) => request('GET', path, headers ? { headers } : {}),
    post: (path, body, headers) => request('POST', path, { body, ...(headers ? { headers } : {}) }),
    deliver: (topic, id, data) => deliverRaw(topic, cloudEvent(topic, id, data)),
    deliverRaw,
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
