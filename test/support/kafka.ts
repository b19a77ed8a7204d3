// Reads topics straight from the Kafka broker with a real client (kafkajs), in
// a consumer group of its own, so tests see exactly what was published.
import { randomUUID } from 'node:crypto';
import type { KafkaMessage } from 'kafkajs';
import { kafkaClient } from './operator.ts';

export interface Record {
  topic: string;
  partition: number;
  key: string | null;
  value: unknown;
}

const kafka = kafkaClient('roomstay-tests');

function decode(topic: string, partition: number, message: KafkaMessage): Record {
  const text = message.value?.toString() ?? '';
  let value: unknown = text;
  try {
    value = JSON.parse(text);
  } catch {
    // left as text
  }
  return { topic, partition, key: message.key?.toString() ?? null, value };
}

/** Consumes topics from the beginning until `found` picks a record, or the time is up. */
export async function findRecord(
  topics: string[],
  found: (record: Record) => boolean,
  timeoutMs = 20_000,
): Promise<Record> {
  const consumer = kafka.consumer({ groupId: `tests-${randomUUID()}` });
  await consumer.connect();
  try {
    await consumer.subscribe({ topics, fromBeginning: true });
    return await new Promise<Record>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`no matching record on ${topics.join(', ')} within ${timeoutMs} ms`)),
        timeoutMs,
      );
      void consumer.run({
        eachMessage: async ({ topic, partition, message }) => {
          const record = decode(topic, partition, message);
          if (found(record)) {
            clearTimeout(timer);
            resolve(record);
          }
        },
      });
    });
  } finally {
    await consumer.disconnect();
  }
}

/** Where each partition of the topics ends now: what a later `readAll` may start from. */
export type Offsets = Map<string, Map<number, bigint>>;

export async function endOffsets(topics: readonly string[]): Promise<Offsets> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const ends: Offsets = new Map();
    for (const topic of topics.filter((t) => existing.has(t))) {
      const offsets = await admin.fetchTopicOffsets(topic);
      ends.set(topic, new Map(offsets.map((o) => [o.partition, BigInt(o.high)])));
    }
    return ends;
  } finally {
    await admin.disconnect();
  }
}

/**
 * Every record of the topics up to their current end, read from the beginning,
 * or from `since` (offsets taken earlier by `endOffsets`) where given.
 */
export async function readAll(topics: string[], since?: Offsets): Promise<Record[]> {
  const ends = await endOffsets(topics);
  const startOf = (topic: string, partition: number) => since?.get(topic)?.get(partition) ?? 0n;
  // Partitions with nothing new are done before they start.
  for (const [topic, partitions] of ends)
    for (const [partition, high] of partitions) if (high <= startOf(topic, partition)) partitions.set(partition, 0n);
  const remaining = () => [...ends.values()].some((partitions) => [...partitions.values()].some((high) => high > 0n));
  const records: Record[] = [];
  if (!remaining()) return records;
  const consumer = kafka.consumer({ groupId: `tests-${randomUUID()}` });
  await consumer.connect();
  try {
    await consumer.subscribe({ topics: [...ends.keys()], fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('topics were not read to their end within 60 s')), 60_000);
      void consumer.run({
        eachMessage: async ({ topic, partition, message }) => {
          if (BigInt(message.offset) < startOf(topic, partition)) return;
          records.push(decode(topic, partition, message));
          const high = ends.get(topic)?.get(partition);
          if (high !== undefined && BigInt(message.offset) + 1n >= high) ends.get(topic)?.set(partition, 0n);
          if (!remaining()) {
            clearTimeout(timer);
            resolve();
          }
        },
      });
      // Straight to where the caller's interest starts: the history before it is not fetched.
      if (since)
        for (const [topic, partitions] of since)
          for (const [partition, offset] of partitions)
            if (offset > 0n) consumer.seek({ topic, partition, offset: String(offset) });
    });
  } finally {
    await consumer.disconnect();
  }
  return records;
}

/** The data of a CloudEvent record, as published (tests read ids and payloads from it). */
export function eventOf(record: Record): { id: string; data: { [field: string]: unknown; reservationId?: string } } {
  // A record that is not a CloudEvent (a poison message a chaos scenario sent) has no id and no data.
  const value = typeof record.value === 'object' && record.value !== null ? record.value : {};
  const { id, data } = value as { id?: unknown; data?: unknown };
  return {
    id: typeof id === 'string' ? id : '',
    data: typeof data === 'object' && data !== null ? (data as { reservationId?: string }) : {},
  };
}

/** Every record of the topics about these reservations (by the `reservationId` of their data). */
export async function recordsAbout(topics: string[], reservationIds: Iterable<string>): Promise<Record[]> {
  const ids = new Set(reservationIds);
  return (await readAll(topics)).filter((r) => ids.has(eventOf(r).data?.reservationId ?? ''));
}

/** How many records the topics hold in all (the sum of their partitions' end offsets). */
export async function recordCount(topics: readonly string[]): Promise<number> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    let total = 0;
    for (const topic of topics) {
      for (const o of await admin.fetchTopicOffsets(topic)) total += Number(o.high);
    }
    return total;
  } finally {
    await admin.disconnect();
  }
}
