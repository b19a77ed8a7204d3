// A malformed event is dead-lettered within seconds and does not block its partition.
import { randomUUID } from 'node:crypto';
import test from 'ava';
import { eventually } from '../support/api.ts';
import { findRecord } from '../support/kafka.ts';
import { kafkaClient, operatorRedis } from '../support/operator.ts';
import { figure, reportFailures } from './support/report.ts';

reportFailures(8, 'malformed event on a topic');

test('a malformed PromotionSaved reaches the dead-letter topic and the next event on its partition is processed', async (t) => {
  // A broken producer, played by the operator (no app may write PromotionSaved but promotion).
  const kafka = kafkaClient('chaos-poison');
  const producer = kafka.producer();
  await producer.connect();
  const reservationId = `poison-${randomUUID()}`;
  // Unique to this run: the topic keeps what earlier runs dead-lettered.
  const marker = `broken-${randomUUID()}`;
  const customerId = `poisoned-${randomUUID().slice(0, 8)}`;
  const sent = Date.now();
  // Same key, so the same partition: the poison first, a good event behind it.
  // Two poisons: bytes that are not even JSON (daprd itself gives up on them), and a
  // well-formed CloudEvent whose data misses its fields (the app answers DROP).
  await producer.send({
    topic: 'PromotionSaved',
    messages: [{ key: reservationId, value: `{"specversion":"1.0","id":"${marker}-bytes` }],
  });
  await producer.send({
    topic: 'PromotionSaved',
    messages: [
      {
        key: reservationId,
        value: JSON.stringify({
          specversion: '1.0',
          id: `${marker}-data`,
          source: 'chaos-test',
          type: 'roomstay.PromotionSaved.v1',
          datacontenttype: 'application/json',
          data: { reservationId, couponId: 42 },
        }),
        headers: { 'content-type': 'application/cloudevents+json' },
      },
    ],
  });
  await producer.send({
    topic: 'PromotionSaved',
    messages: [
      {
        key: reservationId,
        value: JSON.stringify({
          specversion: '1.0',
          id: `${reservationId}.PromotionSaved`,
          source: 'chaos-test',
          type: 'roomstay.PromotionSaved.v1',
          datacontenttype: 'application/json',
          data: {
            couponId: `CPN-${reservationId}`,
            paymentId: `PAY-${reservationId}`,
            reservationId,
            customerId,
            customerName: 'poisoned',
            paymentPrice: 100_000,
            paymentStatus: 'Y',
            service: 'DISCOUNT COUPON',
            point: 10_000,
          },
        }),
        headers: { 'content-type': 'application/cloudevents+json' },
      },
    ],
  });
  await producer.disconnect();

  const dead = await findRecord(
    ['PromotionSaved.roominfo.deadletter'],
    (r) => JSON.stringify(r.value).includes(`${marker}-bytes`),
    30_000,
  );
  t.truthy(dead);
  const deadData = await findRecord(
    ['PromotionSaved.roominfo.deadletter'],
    (r) => JSON.stringify(r.value).includes(`${marker}-data`),
    30_000,
  );
  const deadLetteredIn = (Date.now() - sent) / 1000;
  t.truthy(deadData);

  const redis = operatorRedis(1);
  try {
    await eventually(
      async () => ((await redis.hget(`mypage:${customerId}`, reservationId)) ? true : undefined),
      30_000,
    );
  } finally {
    redis.disconnect();
  }
  const goodIn = (Date.now() - sent) / 1000;
  await figure(
    t,
    8,
    'malformed event on a topic',
    `both poisons (bytes that are not JSON, and a CloudEvent with malformed data) dead-lettered to PromotionSaved.roominfo.deadletter within ${deadLetteredIn.toFixed(1)} s; the next event on the same partition processed ${goodIn.toFixed(1)} s after sending`,
    { deadLetteredSeconds: deadLetteredIn, nextProcessedSeconds: goodIn },
  );
});
