// Consumer verification of the event contracts: each consuming app's real
// subscription route (createApp, POST /events/<Topic>, as its sidecar
// delivers) takes the producer-shaped example as the CloudEvent its producer
// publishes, and answers SUCCESS (again on redelivery) or DROP as it should
// in each state; an event missing any field the consumer reads is dropped.
import test from 'ava';
import { events, type EventPayload, type Topic } from '@roomstay/contracts';
import { serve, testAppToken } from '../../packages/platform/test/support/http.ts';
import { examples, subscriptionNeeds } from './edges/events.ts';
import { apps } from './support/apps.ts';
import { behaviours } from './support/consumers.ts';
import { producers, published } from './support/producers.ts';

/** What the consumer's sidecar delivers: the published CloudEvent, with the topic and pub/sub Dapr adds. */
async function delivered<T extends Topic>(topic: T, payload: EventPayload<T>) {
  const { envelope } = await published(
    { id: `RSV-1.${topic}`, topic, payload, time: '2030-01-01T09:00:00.000Z' },
    producers[topic].producer,
  );
  return { ...envelope, topic, pubsubname: 'pubsub' };
}

test('every example is shaped as its producer shapes it, and has every field its consumers read', (t) => {
  for (const [topic, payload] of Object.entries(examples) as Array<[Topic, EventPayload<Topic>]>) {
    t.true(events[topic].safeParse(payload).success, topic);
    const built = producers[topic].built[0]?.event.payload ?? {};
    t.deepEqual(Object.keys(payload).sort(), Object.keys(built).sort(), `${topic} has the producer's fields`);
    for (const { consumer, need } of subscriptionNeeds().filter((s) => s.topic === topic)) {
      t.true(need.safeParse(payload).success, `${consumer} reads what the ${topic} example has`);
    }
  }
});

test('every subscription has its behaviours stated, and nothing else has', (t) => {
  t.deepEqual(
    Object.keys(behaviours).sort(),
    subscriptionNeeds()
      .map(({ consumer, topic }) => `${consumer}/${topic}`)
      .sort(),
  );
});

for (const { consumer, topic, need } of subscriptionNeeds()) {
  for (const { state, delivery, because } of behaviours[`${consumer}/${topic}`] ?? []) {
    test(`${consumer} answers ${topic} with ${delivery} when ${state}: ${because}`, async (t) => {
      const app = await apps[consumer]();
      const given = app.given[state];
      if (!given) return t.fail(`${consumer} knows no state "${state}"`);
      await given();
      const sidecar = await serve(t, app.app, { 'dapr-api-token': testAppToken });
      const event = await delivered(topic, examples[topic]);
      t.is(await sidecar.deliverRaw(topic, event), delivery);
      t.is(await sidecar.deliverRaw(topic, event), delivery, 'and the same again on redelivery');
    });
  }

  test(`${consumer} drops a ${topic} that lacks a field it reads`, async (t) => {
    const app = await apps[consumer]();
    const sidecar = await serve(t, app.app, { 'dapr-api-token': testAppToken });
    for (const field of Object.keys(need.shape)) {
      const { [field]: _missing, ...rest } = examples[topic] as Record<string, unknown>;
      const event = { ...(await delivered(topic, examples[topic])), data: rest };
      t.is(await sidecar.deliverRaw(topic, event), 'DROP', `without ${field}`);
    }
  });
}
