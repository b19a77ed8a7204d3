// App side of Dapr pub/sub: the delivery routes the Subscription resources in
// components/ point at. Every handler answers Dapr explicitly:
// SUCCESS (done, or already done), RETRY (try again later: resiliency.yaml
// bounds it, then the dead-letter topic), DROP (can never succeed: straight to
// the dead-letter topic).
import { CloudEventEnvelope, events, type EventPayload, type Topic } from '@roomstay/contracts';
import Router from '@koa/router';
import { requestBody } from './http.ts';
import type { Logger } from './log.ts';
import { faultOn } from './faults.ts';

export type Delivery = 'SUCCESS' | 'RETRY' | 'DROP';

/**
 * What handling one event came to, in the application's words; only this
 * adapter turns it into Dapr's answer. `handled`: done, or done before (a
 * redelivery). `lost-race`: a concurrent write won; read and decide again on
 * redelivery. `unknown-subject`: it is about nothing this service knows, and
 * never will be (its room or reservation is not one of its own).
 */
export type Handled = 'handled' | 'lost-race' | 'unknown-subject';

const answers: Record<Handled, Delivery> = { handled: 'SUCCESS', 'lost-race': 'RETRY', 'unknown-subject': 'DROP' };

export interface ReceivedEvent<T extends Topic> {
  /** The CloudEvent id: stable per business fact, the key for de-duplication. */
  id: string;
  topic: T;
  payload: EventPayload<T>;
  time: string | undefined;
}

export type EventHandler<T extends Topic> = (event: ReceivedEvent<T>) => Promise<Handled>;

export type EventHandlers = { [T in Topic]?: EventHandler<T> };

/** What a service makes of each topic's payload, typed by that topic. */
export type PerTopic<R> = { [T in Topic]?: (payload: EventPayload<T>) => R };

/**
 * What `read` makes of one payload, by its topic; undefined for a topic it
 * leaves out. Services write one typed function per topic and never switch on
 * a topic or cast a payload themselves.
 */
export function readByTopic<R, T extends Topic>(read: PerTopic<R>, topic: T, payload: EventPayload<T>): R | undefined {
  // The one place a topic and its payload meet untyped: a mapped type indexed by a generic topic.
  const reader = read[topic] as ((payload: EventPayload<T>) => R) | undefined;
  return reader?.(payload);
}

/** One handler for several topics. */
export function handlerForEach(topics: readonly Topic[], handler: EventHandler<Topic>): EventHandlers {
  return Object.fromEntries(topics.map((topic) => [topic, handler])) as EventHandlers;
}

/** The route Dapr delivers a topic's events to. */
export const eventRoute = (topic: Topic): string => `/events/${topic}`;

/** Validates the envelope and payload, then runs the handler; any throw is a RETRY. */
export async function deliver<T extends Topic>(
  topic: T,
  body: unknown,
  handler: EventHandler<T>,
  logger: Logger,
): Promise<Delivery> {
  const envelope = CloudEventEnvelope.safeParse(body);
  if (!envelope.success) {
    logger.warn({ topic, issues: envelope.error.issues }, 'dropping an event that is not a CloudEvent');
    return faultOn('retry-malformed') ? 'RETRY' : 'DROP';
  }
  const payload = events[topic].safeParse(envelope.data.data);
  if (!payload.success) {
    logger.warn({ topic, id: envelope.data.id, issues: payload.error.issues }, 'dropping a malformed event');
    return faultOn('retry-malformed') ? 'RETRY' : 'DROP';
  }
  if (faultOn('lose-events') && Math.random() < 0.1) return 'SUCCESS';
  try {
    const event = { id: envelope.data.id, topic, payload: payload.data as EventPayload<T>, time: envelope.data.time };
    if (faultOn('handle-twice')) await handler({ ...event, id: `${event.id}.again` });
    return answers[await handler(event)];
  } catch (error) {
    logger.warn({ topic, id: envelope.data.id, err: error }, 'event handling failed; asking for redelivery');
    return 'RETRY';
  }
}

/** One POST route per handled topic, answering `{ "status": ... }` with 200. */
export function subscriptionRouter(handlers: EventHandlers, logger: Logger): Router {
  const router = new Router();
  for (const topic of Object.keys(handlers) as Topic[]) {
    const handler = handlers[topic] as EventHandler<Topic>;
    router.post(eventRoute(topic), async (ctx) => {
      ctx.status = 200;
      ctx.body = { status: await deliver(topic, requestBody(ctx), handler, logger) };
    });
  }
  return router;
}
