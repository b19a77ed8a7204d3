// The consumers' stated needs are what their handlers really read: each
// handler (the one its subscription route runs) is given the example through
// a proxy that records every field read, in each state the consumer is tested
// in. A field read but not stated could vanish from a producer unnoticed; a
// field stated but never read holds producers to nothing anyone uses.
import test from 'ava';
import type { Topic } from '@roomstay/contracts';
import type { EventHandler } from '@roomstay/platform';
import { deliveryNeeds, examples, subscriptionNeeds } from './edges/events.ts';
import { apps } from './support/apps.ts';
import { behaviours } from './support/consumers.ts';

/** The object, recording the name of every field read of it (spreading reads them all). */
function recording<T extends object>(target: T, reads: Set<string>): T {
  const note = (key: string | symbol) => {
    // Asked by `await` and JSON, not fields of the event.
    if (typeof key === 'string' && key !== 'then' && key !== 'toJSON') reads.add(key);
  };
  return new Proxy(target, {
    get: (object, key, receiver) => (note(key), Reflect.get(object, key, receiver)),
    has: (object, key) => (note(key), Reflect.has(object, key)),
  });
}

for (const { consumer, topic, need } of subscriptionNeeds()) {
  test(`${consumer} reads of ${topic} exactly the fields it states`, async (t) => {
    const payloadReads = new Set<string>();
    const deliveryReads = new Set<string>();
    const states = behaviours[`${consumer}/${topic}`] ?? [];
    t.true(states.length > 0);
    for (const { state } of states) {
      const app = await apps[consumer]();
      await app.given[state]?.();
      const handler = app.handlers[topic] as EventHandler<Topic> | undefined;
      if (!handler) return t.fail(`${consumer} has no handler of ${topic}`);
      const payload = recording({ ...examples[topic] }, payloadReads);
      await handler(
        recording({ id: `RSV-1.${topic}`, topic, payload, time: '2030-01-01T09:00:00.000Z' }, deliveryReads),
      );
    }
    t.deepEqual([...payloadReads].sort(), Object.keys(need.shape).sort(), 'payload fields');
    deliveryReads.delete('topic');
    deliveryReads.delete('payload');
    t.deepEqual([...deliveryReads].sort(), [...deliveryNeeds[consumer]].sort(), 'fields of the delivery');
  });
}
