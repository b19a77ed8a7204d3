import test from 'ava';
import type { OutgoingEvent } from '@roomstay/contracts';
import { z } from 'zod';
import { DueList } from '../src/due.ts';
import { makeOutbox, type WithOutbox } from '../src/outbox.ts';
import type { Versioned } from '../src/versioned.ts';
import { InMemoryDocuments } from './support/documents.ts';

interface Doc extends WithOutbox {
  name: string;
}

const owed = (n: number): OutgoingEvent<'RoomRegistered'> => ({
  id: `R${n}.RoomRegistered`,
  topic: 'RoomRegistered',
  time: '2030-01-01T00:00:00.000Z',
  payload: { roomId: `R${n}`, name: `room ${n}`, price: 10_000 },
});

test('the relay reads the records a window owes in one read, and settles those that still owe', async (t) => {
  const records = new Map<string, Versioned<Doc>>();
  for (let n = 0; n < 20; n++) {
    // Most settled inline when they were written; every fourth still owes its event.
    records.set(`R${n}`, { value: { name: `room ${n}`, outbox: n % 4 === 0 ? [owed(n)] : [] }, etag: '1' });
  }
  const reads: string[][] = [];
  const published: string[] = [];
  let now = 0;
  const outbox = makeOutbox<Doc>({
    owed: new DueList(new InMemoryDocuments(), z.string(), { name: 'owed', windowMs: 1_000, slots: 64 }),
    loadMany: async (keys) => {
      reads.push([...keys]);
      return keys.map((key) => records.get(key));
    },
    replace: async (record, etag) =>
      void records.set(record.name.replace('room ', 'R'), { value: record, etag: `${etag}+` }),
    publish: async (event) => void published.push(event.id),
    now: () => now,
    graceMs: 500,
  });
  await outbox.relay(); // the relay's first pass, at start
  for (const key of records.keys()) await outbox.owe(key);
  now = 10_000;
  t.is(await outbox.relay(), 20);
  t.is(reads.length, 1, 'one read for the window');
  t.deepEqual([...(reads[0] ?? [])].sort(), [...records.keys()].sort());
  t.deepEqual(published.sort(), [
    'R0.RoomRegistered',
    'R12.RoomRegistered',
    'R16.RoomRegistered',
    'R4.RoomRegistered',
    'R8.RoomRegistered',
  ]);
});
