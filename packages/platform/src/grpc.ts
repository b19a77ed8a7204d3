// The gRPC base of an app whose sidecar speaks gRPC to it (Dapr app protocol
// grpc): the protos of packages/contracts loaded at start, Dapr's AppCallback
// service (invocations and topic events) over the same use cases as the HTTP
// routes, the app token on every call, one table from error codes to gRPC
// status codes (grpc-status.ts), refusals answered as OK (grpc-refusal.ts),
// and one port for gRPC and the HTTP probes (grpc-dual.ts).
import { timingSafeEqual } from 'node:crypto';
import { join } from 'node:path';
import * as grpc from '@grpc/grpc-js';
import { loadSync } from '@grpc/proto-loader';
import { type ErrorBody, protoDir, type Topic } from '@roomstay/contracts';
import { AppError, isAppError } from './errors.ts';
import { faultOn, type Faults } from './faults.ts';
import { toServiceError } from './grpc-status.ts';
import { answerToInvocation } from './http.ts';
import type { Logger } from './log.ts';
import { deliver, type EventHandler, type EventHandlers } from './subscriptions.ts';

export { grpc };
export { grpcStatusOf, toServiceError } from './grpc-status.ts';
export { refusable, refusalsAsErrors, type Refusal } from './grpc-refusal.ts';
export { listenDual, serveDual, type DualServer } from './grpc-dual.ts';

/** How every .proto of packages/contracts is read: the original's camelCase names, int64 as number. */
const loadOptions = {
  keepCase: false,
  longs: Number,
  enums: String,
  // proto3 has no absent scalar: an absent string is "", an absent number 0.
  defaults: true,
  oneofs: true,
  includeDirs: [protoDir],
};

/** A service definition from a .proto of packages/contracts, e.g. `roomstay/promotion/v1/promotion.proto`. */
export function serviceDefinition(file: string, service: string): grpc.ServiceDefinition {
  const loaded = grpc.loadPackageDefinition(loadSync(join(protoDir, file), loadOptions));
  let node: unknown = loaded;
  for (const part of service.split('.')) node = (node as Record<string, unknown> | undefined)?.[part];
  const definition = (node as { service?: grpc.ServiceDefinition } | undefined)?.service;
  if (!definition) throw new Error(`${file} defines no service ${service}`);
  return definition;
}

/** A client constructor for a service of packages/contracts (tests and tools). */
export function serviceClient(file: string, service: string): grpc.ServiceClientConstructor {
  return grpc.makeGenericClientConstructor(serviceDefinition(file, service), service);
}

function sameSecret(given: unknown, expected: string): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Refuses, before anything else is read, every caller that does not present the app token. */
export function requireAppToken(metadata: grpc.Metadata, token: string): void {
  if (!sameSecret(metadata.get('dapr-api-token')[0], token)) {
    throw new AppError('unauthorized', "only this app's sidecar may call it");
  }
}

async function injectFaults(faults: Faults | undefined): Promise<void> {
  if (!faults) return;
  if (faults.delayMs) {
    const [min, max] = faults.delayMs;
    await new Promise((resolve) => setTimeout(resolve, min + Math.random() * (max - min)));
  }
  if (Math.random() < faults.failureRate) throw new AppError('service_unavailable', 'injected failure (test profile)');
}

export interface UnaryOptions {
  appToken: string;
  logger: Logger;
  /** Test profile only: a delay and a failure rate, as the HTTP routes have them. */
  faults?: Faults | undefined;
}

/**
 * One unary method: the app token, then the test profile's faults, then the
 * handler; whatever it throws leaves as a gRPC error by the one table.
 */
export function unary<Req, Res>(
  name: string,
  options: UnaryOptions,
  handler: (request: Req, metadata: grpc.Metadata) => Promise<Res>,
): grpc.handleUnaryCall<Req, Res> {
  return (call, callback) => {
    void (async () => {
      requireAppToken(call.metadata, options.appToken);
      await injectFaults(options.faults);
      return handler(call.request, call.metadata);
    })().then(
      (response) => callback(null, response),
      (error: unknown) => callback(toServiceError(error, options.logger, name)),
    );
  };
}

// --- Dapr's AppCallback ------------------------------------------------------------

/** One service invocation as the sidecar hands it over: the HTTP verb and path of the caller. */
export interface Invocation {
  verb: string;
  /** The method without its leading slash, e.g. `promotions`. */
  method: string;
  body: unknown;
}

/** What the app answers an invocation, as an HTTP route would: a status and a JSON body. */
export interface InvocationAnswer {
  status: number;
  body: unknown;
}

/**
 * The operations an app serves by invocation; undefined for any other. With
 * app protocol gRPC the callee's sidecar matches access control policies by
 * path only (it cannot see verbs), so the app itself refuses every verb and
 * path it does not serve this way.
 */
export type Invocations = (invocation: Invocation) => (() => Promise<InvocationAnswer>) | undefined;

interface InvokeRequest {
  method: string;
  data?: { typeUrl: string; value: Buffer } | null;
  contentType: string;
  httpExtension?: { verb: string; querystring: string } | null;
}

interface InvokeResponse {
  data: { typeUrl: string; value: Buffer };
  contentType: string;
}

interface TopicEventRequest {
  id: string;
  source: string;
  type: string;
  specVersion: string;
  dataContentType: string;
  data: Buffer;
  topic: string;
  pubsubName: string;
  path: string;
  extensions?: { fields?: Record<string, { stringValue?: string }> } | null;
}

interface TopicEventResponse {
  status: 'SUCCESS' | 'RETRY' | 'DROP';
}

export interface AppCallbackOptions extends UnaryOptions {
  invocations: Invocations;
  /** Per topic, as for the HTTP subscription routes; the Subscriptions in components/ name the topics. */
  events: EventHandlers;
  /** Largest invocation body, in bytes (the HTTP routes' JSON limit). */
  bodyLimit?: number;
}

const isJsonType = (type: string): boolean => {
  const bare = type.split(';')[0]?.trim().toLowerCase() ?? '';
  return bare === 'application/json' || (bare.startsWith('application/') && bare.endsWith('+json'));
};

function invocationBody(request: InvokeRequest, limit: number): unknown {
  const raw = request.data?.value ?? Buffer.alloc(0);
  if (raw.length === 0) return undefined;
  if (raw.length > limit) throw new AppError('payload_too_large', 'the request body is too large');
  if (request.contentType && !isJsonType(request.contentType)) {
    throw new AppError('unsupported_media_type', 'send JSON (application/json)');
  }
  try {
    return JSON.parse(raw.toString('utf8')) as unknown;
  } catch {
    throw new AppError('invalid_json', 'the request body is not valid JSON');
  }
}

function errorAnswer(error: AppError): InvocationAnswer & { headers: Readonly<Record<string, string>> } {
  const body: ErrorBody = {
    error: {
      code: error.code,
      message: error.status < 500 ? error.message : 'the service could not complete the request',
      ...(error.field ? { field: error.field } : {}),
    },
  };
  return { status: error.status, body, headers: error.headers };
}

/**
 * Dapr's AppCallback for one app: OnInvoke runs the app's invocations and
 * answers as its HTTP routes answer another app (contracts' InternalRefusal:
 * a business refusal is a 200 with the envelope, so no circuit breaker counts
 * it), a failure of the app as a gRPC error the caller's sidecar turns into the
 * same HTTP status; OnTopicEvent validates and hands each event to its topic's
 * handler exactly as the HTTP subscription routes do. ListTopicSubscriptions is
 * not served: the Subscription resources are the one list of what an app
 * consumes, and the sidecar takes "unimplemented" as "none declared here".
 */
export function appCallback(options: AppCallbackOptions): grpc.UntypedServiceImplementation {
  const { logger } = options;
  const onInvoke = (
    call: grpc.ServerUnaryCall<InvokeRequest, InvokeResponse>,
    callback: grpc.sendUnaryData<InvokeResponse>,
  ) => {
    void (async (): Promise<InvokeResponse> => {
      requireAppToken(call.metadata, options.appToken);
      const request = call.request;
      const invocation = {
        verb: request.httpExtension?.verb ?? 'NONE',
        method: request.method.replace(/^\/+/, ''),
        body: undefined as unknown,
      };
      const answer: InvocationAnswer & { headers?: Readonly<Record<string, string>> } = await (async () => {
        try {
          invocation.body = invocationBody(request, options.bodyLimit ?? 16 * 1024);
          const served = options.invocations(invocation);
          if (!served) {
            throw new AppError('forbidden', `${invocation.verb} ${invocation.method} is not served by invocation here`);
          }
          await injectFaults(options.faults);
          return await served();
        } catch (caught) {
          const error = isAppError(caught) ? caught : new AppError('internal', 'unexpected error', { cause: caught });
          if (error.code === 'forbidden' || error.status >= 500) throw error;
          return errorAnswer(error);
        }
      })();
      const headers = answer.headers ?? {};
      const internal = answerToInvocation(answer.status, answer.body, (name) => headers[name] ?? '');
      if (internal.status >= 400) {
        // What asks the caller to back off (429, 503) keeps its meaning, as over HTTP.
        throw new AppError(internal.status === 429 ? 'rate_limited' : 'service_unavailable', 'try again later', {
          headers: { ...headers },
        });
      }
      return {
        data: { typeUrl: '', value: Buffer.from(JSON.stringify(internal.body)) },
        contentType: 'application/json',
      };
    })().then(
      (response) => callback(null, response),
      (error: unknown) => callback(toServiceError(error, logger, 'OnInvoke')),
    );
  };

  const onTopicEvent = (
    call: grpc.ServerUnaryCall<TopicEventRequest, TopicEventResponse>,
    callback: grpc.sendUnaryData<TopicEventResponse>,
  ) => {
    void (async (): Promise<TopicEventResponse> => {
      requireAppToken(call.metadata, options.appToken);
      const request = call.request;
      const topic = request.topic as Topic;
      const handler = options.events[topic] as EventHandler<Topic> | undefined;
      if (!handler) {
        logger.warn(
          { topic: request.topic, path: request.path },
          'dropping an event of a topic this app does not take',
        );
        return { status: faultOn('retry-malformed') ? 'RETRY' : 'DROP' };
      }
      let data: unknown;
      try {
        data = request.data.length ? (JSON.parse(request.data.toString('utf8')) as unknown) : undefined;
      } catch {
        data = undefined;
      }
      // The CloudEvent as the HTTP route receives it, so both are judged by one schema.
      const envelope = {
        specversion: request.specVersion,
        id: request.id,
        source: request.source,
        type: request.type,
        datacontenttype: request.dataContentType || undefined,
        topic: request.topic,
        time: request.extensions?.fields?.['time']?.stringValue,
        data,
      };
      return { status: await deliver(topic, envelope, handler, logger) };
    })().then(
      (response) => callback(null, response),
      (error: unknown) => callback(toServiceError(error, logger, 'OnTopicEvent')),
    );
  };

  return { onInvoke, onTopicEvent } as unknown as grpc.UntypedServiceImplementation;
}

/** Dapr's AppCallback service, from its vendored proto. */
export const appCallbackDefinition = (): grpc.ServiceDefinition =>
  serviceDefinition('dapr/proto/runtime/v1/appcallback.proto', 'dapr.proto.runtime.v1.AppCallback');
