import test from 'ava';
import { z } from 'zod';
import { OutgoingEvent, topics, type Topic } from '@roomstay/contracts';
import { AppError } from '../src/index.ts';
import { DaprStateStore, type DaprClient } from '../src/dapr.ts';

/** A sidecar's state API that holds `documents` as they are, whatever they are. */
function sidecarHolding(documents: Record<string, unknown>): DaprClient {
  const state = {
    getBulk: async (_store: string, keys: string[]) =>
      keys.map((key) => ({ key, data: documents[key], etag: key in documents ? '1' : undefined })),
  };
  return { state } as unknown as DaprClient;
}

const Account = z.strictObject({ owner: z.string(), balance: z.number() });

test('a stored document is read as its schema parses it', async (t) => {
  const store = new DaprStateStore(sidecarHolding({ a: { owner: 'alice', balance: 3 } }), 'accounts', Account);
  t.deepEqual(await store.get('a'), { value: { owner: 'alice', balance: 3 }, etag: '1' });
  t.is(await store.get('b'), undefined);
});

test('a stored document its schema does not parse fails the read with a 500 naming the key and the field', async (t) => {
  const store = new DaprStateStore(sidecarHolding({ a: { owner: 'alice', balance: '3' } }), 'accounts', Account);
  const error = await t.throwsAsync(store.get('a'), { instanceOf: AppError });
  t.is(error?.code, 'internal');
  t.regex(error?.message ?? '', /accounts\/a .*balance/);
});

const payloads: { [T in Topic]: unknown } = {
  RoomRegistered: { roomId: 'R-1', name: 'Ocean', price: 1_000 },
  ReservationPlaced: {
    reservationId: 'RSV-1',
    customerId: 'alice',
    roomId: 'R-1',
    checkIn: '2030-03-01',
    checkOut: '2030-03-02',
    nights: 1,
    price: 1_000,
  },
  PaymentApproved: {
    paymentId: 'PAY-1',
    reservationId: 'RSV-1',
    customerId: 'alice',
    customerName: 'Alice',
    paymentPrice: 1_000,
  },
  PromotionSaved: {
    couponId: 'CPN-1',
    paymentId: 'PAY-1',
    reservationId: 'RSV-1',
    customerId: 'alice',
    customerName: 'Alice',
    paymentPrice: 1_000,
    paymentStatus: 'Y',
    service: null,
    point: 100,
  },
  ReservationCancelled: {
    reservationId: 'RSV-1',
    customerId: 'alice',
    roomId: 'R-1',
    checkIn: '2030-03-01',
    checkOut: '2030-03-02',
    reason: 'plans changed',
  },
  PaymentRefunded: {
    paymentId: 'PAY-1',
    reservationId: 'RSV-1',
    customerId: 'alice',
    paymentPrice: 1_000,
  },
  PromotionRevoked: { couponId: 'CPN-1', paymentId: 'PAY-1', reservationId: 'RSV-1', customerId: 'alice', point: 100 },
};

test('an owed event of every topic is read back by the schema of its payload, and one its payload schema refuses is not', (t) => {
  for (const topic of topics) {
    const owed = { id: `E.${topic}`, topic, time: '2030-01-01T00:00:00.000Z', payload: payloads[topic] };
    const read = OutgoingEvent.safeParse(owed);
    t.true(read.success, `${topic}: ${read.error?.message ?? ''}`);
    t.false(OutgoingEvent.safeParse({ ...owed, payload: { ...(payloads[topic] as object), extra: 1 } }).success, topic);
  }
});
