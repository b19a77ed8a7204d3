// The promotion app as a caller sees it, over either inbound adapter: HTTP (the
// routes) or gRPC (promotion's own Promotions API, and Dapr's AppCallback for
// deliveries). Both are served by the wiring of main.ts, on one port; the same
// behaviour tests run against each.
import type { ExecutionContext } from 'ava';
import {
  type CloudEventEnvelope,
  type EventPayload,
  Promotion as WirePromotion,
  type Topic,
} from '@roomstay/contracts';
import { grpc, listenDual, refusalsAsErrors, serviceClient } from '@roomstay/platform/grpc';
import {
  cloudEvent,
  type Delivery,
  testAppToken,
  unwrapRefusal,
} from '../../../../packages/platform/test/support/http.ts';
import { promotionsProto } from '../../src/adapters/grpc.ts';
import { createApp, createGrpcApp, type PromotionAppDeps } from '../../src/app.ts';

export type Adapter = 'HTTP' | 'gRPC';
export const adapters: readonly Adapter[] = ['HTTP', 'gRPC'];

/** How a refusal is told, whatever the protocol: 400 / INVALID_ARGUMENT is `invalid`, and so on. */
export type Refusal = 'invalid' | 'not_found' | 'not_paid' | 'unauthorized' | 'other';

export type Outcome =
  | { ok: true; created: boolean; promotion: WirePromotion }
  | { ok: false; refusal: Refusal; code: string; message: string; field: string | undefined };

export interface PromotionDriver {
  adapter: Adapter;
  /** Asks the grant of a payment (POST /promotions, or promotions/grant). */
  grant(request: unknown): Promise<Outcome>;
  /** Reads the promotion of a payment (GET /promotions/:id, or promotions/get). */
  find(paymentId: string): Promise<Outcome>;
  /** Delivers an event as the sidecar does (POST /events/<topic>, or OnTopicEvent). */
  deliver<T extends Topic>(topic: T, id: string, data: EventPayload<T>): Promise<Delivery>;
  /** The same with any envelope, for malformed events. */
  deliverRaw(topic: Topic, envelope: unknown): Promise<Delivery>;
  /**
   * What an absent field is reported as: HTTP's JSON tells absent from empty
   * (missing_field); proto3 has no absent scalar, so it arrives empty (invalid_field).
   */
  absentField: 'missing_field' | 'invalid_field';
}

const byStatus: Record<number, Refusal> = { 400: 'invalid', 401: 'unauthorized', 404: 'not_found', 422: 'not_paid' };
const byCode: Partial<Record<grpc.status, Refusal>> = {
  [grpc.status.INVALID_ARGUMENT]: 'invalid',
  [grpc.status.UNAUTHENTICATED]: 'unauthorized',
  [grpc.status.NOT_FOUND]: 'not_found',
  [grpc.status.FAILED_PRECONDITION]: 'not_paid',
};

/** Serves the app as main.ts does (gRPC and HTTP on one port) until the test ends; returns the port. */
export async function serveBoth(t: ExecutionContext, deps: PromotionAppDeps): Promise<number> {
  const server = await listenDual(createGrpcApp(deps), createApp(deps), { port: 0, host: '127.0.0.1' });
  t.teardown(() => server.close());
  return server.port();
}

function httpDriver(port: number): PromotionDriver {
  // What promotion's sidecar sends with payment's call: the app token and the caller's id.
  const sidecar = { 'dapr-api-token': testAppToken, 'dapr-caller-app-id': 'payment' };
  const call = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`http://127.0.0.1:${port}${path}`, {
      method,
      headers: { ...sidecar, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    return unwrapRefusal({ status: response.status, headers: response.headers, body: text ? JSON.parse(text) : text });
  };
  const outcome = async (reply: { status: number; body: unknown }): Promise<Outcome> => {
    if (reply.status < 300) {
      return { ok: true, created: reply.status === 201, promotion: WirePromotion.parse(reply.body) };
    }
    const error = (reply.body as { error?: { code?: string; message?: string; field?: string } }).error;
    return {
      ok: false,
      refusal: byStatus[reply.status] ?? 'other',
      code: error?.code ?? '',
      message: error?.message ?? '',
      field: error?.field,
    };
  };
  const deliverRaw = async (topic: Topic, envelope: unknown): Promise<Delivery> => {
    const response = await fetch(`http://127.0.0.1:${port}/events/${topic}`, {
      method: 'POST',
      headers: { 'dapr-api-token': testAppToken, 'content-type': 'application/cloudevents+json' },
      body: JSON.stringify(envelope),
    });
    if (response.status !== 200) throw new Error(`/events/${topic} answered ${response.status}`);
    return ((await response.json()) as { status: Delivery }).status;
  };
  return {
    adapter: 'HTTP',
    grant: async (request) => outcome(await call('POST', '/promotions', request)),
    find: async (paymentId) => outcome(await call('GET', `/promotions/${encodeURIComponent(paymentId)}`)),
    deliver: (topic, id, data) => deliverRaw(topic, cloudEvent(topic, id, data)),
    deliverRaw,
    absentField: 'missing_field',
  };
}

type Unary = (
  request: unknown,
  metadata: grpc.Metadata,
  callback: (error: grpc.ServiceError | null, response?: unknown) => void,
) => void;

/** A unary call of a generic client, as a promise of its answer or its gRPC error. */
export function callUnary(client: grpc.Client, method: string, request: unknown, metadata: grpc.Metadata) {
  return new Promise<{ response: unknown } | { error: grpc.ServiceError }>((resolve) => {
    const fn = (client as unknown as Record<string, Unary>)[method];
    if (!fn) throw new Error(`no method ${method}`);
    fn.call(client, request, metadata, (error, response) => resolve(error ? { error } : { response }));
  });
}

/** The sidecar's metadata: the app token. */
export function sidecarMetadata(token = testAppToken): grpc.Metadata {
  const metadata = new grpc.Metadata();
  metadata.set('dapr-api-token', token);
  return metadata;
}

/** A TopicEventRequest as the sidecar builds it from a CloudEvent (its data as JSON bytes, the rest as fields). */
export function topicEventRequest(topic: Topic, envelope: unknown) {
  const e = (typeof envelope === 'object' && envelope !== null ? envelope : {}) as Partial<CloudEventEnvelope>;
  return {
    id: e.id ?? '',
    source: e.source ?? '',
    type: e.type ?? '',
    specVersion: e.specversion ?? '',
    dataContentType: e.datacontenttype ?? '',
    data: e.data === undefined ? Buffer.alloc(0) : Buffer.from(JSON.stringify(e.data)),
    topic,
    pubsubName: 'pubsub',
    path: `/events/${topic}`,
  };
}

export const appCallbackClient = (port: number): grpc.Client => {
  const AppCallback = serviceClient('dapr/proto/runtime/v1/appcallback.proto', 'dapr.proto.runtime.v1.AppCallback');
  return new AppCallback(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
};

/**
 * A client of promotion's own API. Its interceptors are platform's
 * refusalsAsErrors unless said: a caller sees a refusal as the gRPC error it
 * stands for; without them, as a sidecar sees it (OK, the refusal inside).
 */
export const promotionsClient = (
  address: string,
  interceptors: grpc.Interceptor[] = [refusalsAsErrors],
): grpc.Client => {
  const Promotions = serviceClient(promotionsProto.file, promotionsProto.service);
  return new Promotions(address, grpc.credentials.createInsecure(), { interceptors });
};

function grpcDriver(t: ExecutionContext, port: number): PromotionDriver {
  const promotions = promotionsClient(`127.0.0.1:${port}`);
  const callback = appCallbackClient(port);
  t.teardown(() => {
    promotions.close();
    callback.close();
  });
  const refused = ({ code, details, metadata }: grpc.ServiceError): Outcome => {
    const field = metadata.get('error-field')[0];
    return {
      ok: false,
      refusal: byCode[code] ?? 'other',
      code: String(metadata.get('error-code')[0] ?? ''),
      message: details,
      field: field === undefined ? undefined : String(field),
    };
  };
  // promotion.proto leaves `service` out when none was earned: the JSON contract's null.
  const granted = (message: unknown, created: boolean): Outcome => ({
    ok: true,
    created,
    promotion: WirePromotion.parse({ service: null, ...(message as object) }),
  });
  const deliverRaw = async (topic: Topic, envelope: unknown): Promise<Delivery> => {
    const answer = await callUnary(callback, 'onTopicEvent', topicEventRequest(topic, envelope), sidecarMetadata());
    if ('error' in answer) throw answer.error;
    return (answer.response as { status: Delivery }).status;
  };
  return {
    adapter: 'gRPC',
    grant: async (request) => {
      const answer = await callUnary(promotions, 'grant', request, sidecarMetadata());
      if ('error' in answer) return refused(answer.error);
      const { promotion, created } = answer.response as { promotion: unknown; created: boolean };
      return granted(promotion, created);
    },
    find: async (paymentId) => {
      const answer = await callUnary(promotions, 'get', { paymentId }, sidecarMetadata());
      return 'error' in answer ? refused(answer.error) : granted(answer.response, false);
    },
    deliver: (topic, id, data) => deliverRaw(topic, cloudEvent(topic, id, data)),
    deliverRaw,
    absentField: 'invalid_field',
  };
}

export async function driverFor(
  t: ExecutionContext,
  adapter: Adapter,
  deps: PromotionAppDeps,
): Promise<PromotionDriver> {
  const port = await serveBoth(t, deps);
  return adapter === 'HTTP' ? httpDriver(port) : grpcDriver(t, port);
}
