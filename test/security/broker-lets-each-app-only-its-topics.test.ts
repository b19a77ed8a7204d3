// Kafka spoken to directly: without credentials, with a wrong password, and
// with each app's own credentials against topics it may not touch. A forged
// PaymentApproved is refused even to a client that bypasses the sidecars.
import { randomUUID } from 'node:crypto';
import test from 'ava';
import { Kafka, logLevel } from 'kafkajs';
import { appSecrets, kafkaClient } from '../support/operator.ts';
import { failure, refused } from './support/attacks.ts';
import { declaredScopes } from './support/scopes.ts';

const forged = JSON.stringify({
  specversion: '1.0',
  id: `forged-${randomUUID()}`,
  source: 'attacker',
  type: 'roomstay.PaymentApproved.v1',
  data: {
    paymentId: 'PAY-forged',
    reservationId: 'RSV-forged',
    customerId: 'alice',
    customerName: 'A',
    paymentPrice: 90_000_000,
  },
});

async function produce(kafka: Kafka, topic: string): Promise<string | undefined> {
  const producer = kafka.producer({ retry: { retries: 0 } });
  try {
    await producer.connect();
    return await failure(producer.send({ topic, messages: [{ key: 'RSV-forged', value: forged }] }));
  } catch (error) {
    return String(error);
  } finally {
    await producer.disconnect().catch(() => undefined);
  }
}

test('a client without credentials, or with a wrong password, cannot even connect', async (t) => {
  for (const listener of ['127.0.0.1:9092', '127.0.0.1:9093']) {
    const anonymous = new Kafka({
      clientId: 'attacker',
      brokers: [listener],
      logLevel: logLevel.NOTHING,
      retry: { retries: 0 },
      connectionTimeout: 3000,
      requestTimeout: 3000,
    });
    const error = await produce(anonymous, 'PaymentApproved');
    refused(t, `produce PaymentApproved without credentials at ${listener}`, error !== undefined, error);
  }
  const wrong = kafkaClient('attacker', { username: 'payment', password: 'guessed' });
  const error = await produce(wrong, 'PaymentApproved');
  refused(
    t,
    'produce PaymentApproved as payment with a guessed password',
    /SASL|Authentication/i.test(error ?? ''),
    error,
  );
});

test("each app's credentials write only the topics it publishes", async (t) => {
  const scopes = await declaredScopes();
  for (const app of scopes.apps) {
    const kafka = kafkaClient(`attacker-${app}`, { username: app, password: appSecrets(app as never).kafka });
    for (const topic of scopes.topics) {
      if ((scopes.publishes[app] ?? []).includes(topic)) continue;
      const error = await produce(kafka, topic);
      refused(t, `${app}'s credentials produce ${topic}`, /not authorized|authorization/i.test(error ?? ''), error);
    }
  }
});

test("each app's credentials cannot even see a topic it neither publishes nor reads, create one or delete one", async (t) => {
  const scopes = await declaredScopes();
  for (const app of scopes.apps) {
    const kafka = kafkaClient(`attacker-${app}`, { username: app, password: appSecrets(app as never).kafka });
    const admin = kafka.admin();
    await admin.connect();
    try {
      const mine = [...(scopes.subscribes[app] ?? []), ...(scopes.publishes[app] ?? [])];
      for (const topic of scopes.topics.filter((topic) => !mine.includes(topic))) {
        const error = await failure(admin.fetchTopicOffsets(topic));
        refused(t, `${app}'s credentials look at ${topic}`, /not authorized|authorization/i.test(error ?? ''), error);
      }
      const created = await failure(admin.createTopics({ topics: [{ topic: `attacker-${app}` }] }));
      refused(t, `${app}'s credentials create a topic`, created !== undefined, created);
      const deleted = await failure(admin.deleteTopics({ topics: ['PaymentApproved'] }));
      refused(t, `${app}'s credentials delete PaymentApproved`, deleted !== undefined, deleted);
    } finally {
      await admin.disconnect();
    }
  }
});
