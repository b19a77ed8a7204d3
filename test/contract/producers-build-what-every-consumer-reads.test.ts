// Provider verification of the event contracts: every producer's real builder,
// in every state that publishes an event, makes a payload that fits the shared
// schema of its topic and has every field each consumer of the topic reads;
// and leaves through publishEvent as the consumers rely on: a CloudEvent with
// the event's stable id and time, keyed (subject and Kafka partition key) by
// its reservation, so that everything about one reservation is consumed in order.
import test from 'ava';
import { CloudEventEnvelope, eventType, events, topics } from '@roomstay/contracts';
import { subscriptionNeeds } from './edges/events.ts';
import { producers, published } from './support/producers.ts';

for (const topic of topics) {
  const { producer, built } = producers[topic];
  for (const { state, event } of built) {
    test(`${producer}'s ${topic} (${state}) fits the shared schema and has every field its consumers read`, (t) => {
      t.is(event.topic, topic);
      const shared = events[topic].safeParse(event.payload);
      t.true(shared.success, shared.success ? '' : JSON.stringify(shared.error.issues));
      const readers = subscriptionNeeds().filter((s) => s.topic === topic);
      t.true(readers.length > 0, `someone consumes ${topic}`);
      for (const { consumer, need } of readers) {
        const read = need.safeParse(event.payload);
        t.true(read.success, `${consumer}: ${read.success ? '' : JSON.stringify(read.error.issues)}`);
      }
    });

    test(`${producer}'s ${topic} (${state}) leaves as a CloudEvent keyed by its ${topic === 'RoomRegistered' ? 'room' : 'reservation'}`, async (t) => {
      const sent = await published(event, producer);
      const payload = event.payload as Record<string, unknown>;
      // A room's registration is about no reservation: it is keyed by the room.
      const key = topic === 'RoomRegistered' ? payload['roomId'] : payload['reservationId'];
      if (typeof key !== 'string') return t.fail(`${topic} has no key`);
      t.is(sent.topic, topic);
      t.is(sent.metadata['partitionKey'], key, 'the Kafka partition key');
      const envelope = CloudEventEnvelope.parse(sent.envelope);
      t.is(envelope.subject, key);
      t.is(envelope.type, eventType(topic));
      t.is(envelope.source, producer);
      // Consumers apply an event once by its id, which names the fact: the same fact told again has the same id.
      t.is(envelope.id, event.id);
      t.true(event.id.endsWith(`.${topic}`) && event.id.length > topic.length + 1, event.id);
      t.regex(envelope.time ?? '', /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/, 'notices are dated by it');
      t.deepEqual(envelope.data, event.payload);
    });
  }
}
