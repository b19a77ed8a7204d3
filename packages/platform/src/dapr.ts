// The services' only way out: their own Dapr sidecar, through the official SDK.
// Timeouts, retries and circuit breakers of these calls are dapr/resiliency.yaml's.
import { CommunicationProtocolEnum, DaprClient, type HttpMethod, LogLevel, StateConcurrencyEnum } from '@dapr/dapr';
import {
  type CloudEventEnvelope,
  eventType,
  InternalRefusal,
  partitionKeyOf,
  type OutgoingEvent,
} from '@roomstay/contracts';
import type { z } from 'zod';
import { requiredEnv } from './boot.ts';
import { AppError } from './errors.ts';
import { faultOn } from './faults.ts';
import { ConcurrencyConflict, type Versioned, type VersionedStore } from './versioned.ts';

export { DaprClient };

/** The pub/sub component every service uses (components/pubsub.yaml). */
export const pubsubName = 'pubsub';

/** The client of this app's own sidecar, which refuses any caller without the app's API token. */
export function createDaprClient(): DaprClient {
  return new DaprClient({
    daprHost: '127.0.0.1',
    daprPort: process.env['DAPR_HTTP_PORT'] ?? '3500',
    daprApiToken: requiredEnv('DAPR_API_TOKEN'),
    communicationProtocol: CommunicationProtocolEnum.HTTP,
    isKeepAlive: true,
    logger: { level: LogLevel.Warn },
  });
}

/** What the SDK throws for a non-2xx answer: `{"error","error_msg","status"}` as its message. */
export interface SidecarFailure {
  status: number;
  body: unknown;
}

export function sidecarFailure(error: unknown): SidecarFailure | undefined {
  if (!(error instanceof Error)) return undefined;
  try {
    const parsed = JSON.parse(error.message) as { status?: unknown; error_msg?: unknown };
    if (typeof parsed.status !== 'number') return undefined;
    let body: unknown = parsed.error_msg;
    if (typeof body === 'string') {
      try {
        body = JSON.parse(body);
      } catch {
        // a plain-text body stays text
      }
    }
    return { status: parsed.status, body };
  } catch {
    return undefined;
  }
}

export type InvokeResult =
  { ok: true; body: unknown } | { ok: false; status: number; body: unknown; headers?: Record<string, string> };

/**
 * Service invocation through the sidecar. A refusal of the target (its
 * InternalRefusal envelope) or a non-2xx answer (of the target or of the
 * sidecar: circuit open, timeout, target down) comes back as `ok: false` with
 * its status; only a sidecar that cannot be reached throws.
 */
export async function invoke(
  client: DaprClient,
  appId: string,
  method: 'GET' | 'POST' | 'PUT' | 'DELETE',
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<InvokeResult> {
  try {
    const result = await client.invoker.invoke(
      appId,
      path.replace(/^\//, ''),
      method as HttpMethod,
      body as object | undefined,
      {
        headers,
      },
    );
    const refusal = InternalRefusal.safeParse(result);
    if (refusal.success) {
      const { status, body: refusedBody, headers: refusedHeaders } = refusal.data.refused;
      return { ok: false, status, body: refusedBody, headers: refusedHeaders };
    }
    return { ok: true, body: result };
  } catch (error) {
    const failure = sidecarFailure(error);
    if (failure) return { ok: false, ...failure };
    throw new AppError('service_unavailable', `${appId} could not be reached`, { cause: error });
  }
}

/**
 * Publishes one event as a CloudEvent whose id we choose, so a republished event
 * keeps its identity; the reservationId is the Kafka partition key.
 * Throws when the sidecar reports a failure (after resiliency's retries).
 */
export async function publishEvent(client: DaprClient, source: string, event: OutgoingEvent): Promise<void> {
  const key = partitionKeyOf(event.payload);
  const envelope: CloudEventEnvelope = {
    specversion: '1.0',
    id: event.id,
    source,
    type: eventType(event.topic),
    subject: key,
    time: event.time,
    datacontenttype: 'application/json',
    data: event.payload,
  };
  const { error } = await client.pubsub.publish(pubsubName, event.topic, envelope, {
    contentType: 'application/cloudevents+json',
    metadata: { partitionKey: key },
  });
  if (error) throw new AppError('service_unavailable', `publishing ${event.topic} failed`, { cause: error });
  if (faultOn('publish-twice') && !event.id.endsWith('.again')) await publishEvent(client, source, twin(event));
}

/** The same fact told again as another one: new event id, new payment and coupon ids (proving fault only). */
function twin(event: OutgoingEvent): OutgoingEvent {
  const payload = { ...event.payload } as Record<string, unknown>;
  for (const field of ['paymentId', 'couponId']) {
    if (typeof payload[field] === 'string') payload[field] = `${String(payload[field])}-again`;
  }
  return { ...event, id: `${event.id}.again`, payload } as OutgoingEvent;
}

/**
 * A lost race, as each store reports it: 409 (ETag mismatch); PostgreSQL's
 * "no item was updated" for an ETag that no longer matches or a first write
 * over an existing key; Redis's version-check script failing ("failed to set
 * key") inside a bulk save.
 */
function isEtagMismatch(error: unknown): boolean {
  const failure = sidecarFailure(error);
  if (!failure) return false;
  const text = JSON.stringify(failure.body);
  return (
    failure.status === 409 ||
    (/ERR_STATE_(SAVE|TRANSACTION|DELETE)/.test(text) &&
      /etag|no item was updated|failed to set key|failed to delete key/i.test(text))
  );
}

/**
 * A Dapr state store seen as a keyed map of JSON documents with optimistic
 * concurrency. What it reads is parsed by the schema of what it holds, never
 * cast: a document that does not parse is a fault of the store (500), not a
 * value to work on.
 */
export class DaprStateStore<T> implements VersionedStore<T> {
  constructor(
    private readonly client: DaprClient,
    readonly storeName: string,
    private readonly schema: z.ZodType<T>,
  ) {}

  /** The value and its ETag, or undefined when the key has no state. */
  async get(key: string): Promise<Versioned<T> | undefined> {
    return (await this.getAll([key]))[0]?.entry;
  }

  /** Several keys at once; entries of keys with no state have no `entry`. */
  async getAll(keys: readonly string[]): Promise<Array<{ key: string; entry: Versioned<T> | undefined }>> {
    if (keys.length === 0) return [];
    const found = (await this.client.state.getBulk(this.storeName, [...keys])) as Array<{
      key: string;
      data?: unknown;
      etag?: string;
    }>;
    const byKey = new Map(found.map((f) => [f.key, f]));
    return keys.map((key) => {
      const f = byKey.get(key);
      const present = f && f.data !== undefined && f.data !== null && f.data !== '';
      return { key, entry: present ? { value: this.parse(key, f.data), etag: f.etag ?? '' } : undefined };
    });
  }

  private parse(key: string, data: unknown): T {
    const parsed = this.schema.safeParse(data);
    if (parsed.success) return parsed.data;
    const issue = parsed.error.issues[0];
    throw new AppError(
      'internal',
      `${this.storeName}/${key} holds what it cannot hold: ${issue?.path.join('.') ?? ''} ${issue?.message ?? ''}`,
    );
  }

  /**
   * Writes one value. With `etag`, only over that version; with `etag: null`,
   * only if the key has no value yet (first write wins). Else unconditional.
   * With `ttlSeconds`, the store forgets the value that long after the write.
   */
  async save(key: string, value: T, guard?: { etag: string | null }, ttlSeconds?: number): Promise<void> {
    const metadata =
      ttlSeconds === undefined ? {} : { metadata: { ttlInSeconds: String(Math.max(1, Math.ceil(ttlSeconds))) } };
    const entry =
      guard === undefined
        ? { key, value, ...metadata }
        : guard.etag === null
          ? // first-write without an ETag: the stores insert only when the key is absent.
            { key, value, ...metadata, options: { concurrency: StateConcurrencyEnum.CONCURRENCY_FIRST_WRITE } }
          : {
              key,
              value,
              ...metadata,
              etag: guard.etag,
              options: { concurrency: StateConcurrencyEnum.CONCURRENCY_FIRST_WRITE },
            };
    const { error } = await this.client.state.save(this.storeName, [entry as never]);
    if (error) {
      if (isEtagMismatch(error)) throw new ConcurrencyConflict(`${this.storeName}/${key} changed concurrently`);
      throw new AppError('service_unavailable', `saving ${key} failed`, { cause: error });
    }
  }

  /** Deletes one value; with `etag`, only that version (else ConcurrencyConflict). */
  async delete(key: string, guard?: { etag: string }): Promise<void> {
    const { error } = await this.client.state.delete(
      this.storeName,
      key,
      guard ? { etag: guard.etag, concurrency: StateConcurrencyEnum.CONCURRENCY_FIRST_WRITE } : undefined,
    );
    if (error) {
      if (guard && isEtagMismatch(error))
        throw new ConcurrencyConflict(`${this.storeName}/${key} changed concurrently`);
      throw new AppError('service_unavailable', `deleting ${key} failed`, { cause: error });
    }
  }
}
