import test from 'ava';
import type { OutgoingEvent } from '@roomstay/contracts';
import { ConcurrencyConflict, type Versioned } from '../src/versioned.ts';
import { settleOutbox, type WithOutbox } from '../src/outbox.ts';

interface Doc extends WithOutbox {
  name: string;
}

const event = (n: number): OutgoingEvent<'RoomRegistered'> => ({
  id: `R${n}.RoomRegistered`,
  topic: 'RoomRegistered',
  time: '2030-01-01T00:00:00.000Z',
  payload: { roomId: `R${n}`, name: `room ${n}`, price: 10_000 },
});

test('owed events are published in order, then the record is written back with an empty outbox over its etag', async (t) => {
  const published: string[] = [];
  const writes: Array<{ record: Doc; etag: string }> = [];
  const stored: Versioned<Doc> = { value: { name: 'a', outbox: [event(1), event(2)] }, etag: '7' };
  await settleOutbox(
    stored,
    async (e) => void published.push(e.id),
    async (record, etag) => void writes.push({ record, etag }),
  );
  t.deepEqual(published, ['R1.RoomRegistered', 'R2.RoomRegistered']);
  t.deepEqual(writes, [{ record: { name: 'a', outbox: [] }, etag: '7' }]);
});

test('a record that owes nothing is neither published nor written', async (t) => {
  let touched = false;
  await settleOutbox<Doc>(
    { value: { name: 'a', outbox: [] }, etag: '1' },
    async () => {
      touched = true;
    },
    async () => {
      touched = true;
    },
  );
  t.false(touched);
});

test('a failed publish leaves the events owed and reaches the caller', async (t) => {
  let written = false;
  const stored: Versioned<Doc> = { value: { name: 'a', outbox: [event(1)] }, etag: '1' };
  await t.throwsAsync(
    settleOutbox(
      stored,
      async () => {
        throw new Error('broker down');
      },
      async () => {
        written = true;
      },
    ),
    { message: 'broker down' },
  );
  t.false(written);
});

test('losing the write-back race to another change is not an error', async (t) => {
  const stored: Versioned<Doc> = { value: { name: 'a', outbox: [event(1)] }, etag: '1' };
  await t.notThrowsAsync(
    settleOutbox(
      stored,
      async () => undefined,
      async () => {
        throw new ConcurrencyConflict('changed');
      },
    ),
  );
});
