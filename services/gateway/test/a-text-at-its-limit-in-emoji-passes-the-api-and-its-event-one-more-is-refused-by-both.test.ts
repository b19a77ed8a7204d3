// The API once counted text in characters and the event schemas in UTF-16
// units: 300 emoji passed the API, and the event it caused failed its own
// schema. Each limit is counted one way, on both sides.
import test from 'ava';
import type { z } from 'zod';
import {
  MAX_CANCEL_REASON_LENGTH,
  MAX_ROOM_NAME_LENGTH,
  ReservationCancelled,
  RoomRegistered,
} from '@roomstay/contracts';
import { errorOf, type Client, type Reply } from '../../../packages/platform/test/support/http.ts';
import { bearer, gatewayApi } from './support/app.ts';

/** Characters outside the Basic Multilingual Plane: two UTF-16 units each. */
const emoji = (count: number): string => '🏨'.repeat(count);

const cancelled = {
  reservationId: 'RSV-1',
  customerId: 'alice',
  roomId: 'R-1',
  checkIn: '2030-03-01',
  checkOut: '2030-03-03',
};

const texts: readonly {
  field: string;
  max: number;
  send: (api: Client, text: string) => Promise<Reply>;
  event: z.ZodType;
  payload: (text: string) => unknown;
}[] = [
  {
    field: 'name',
    max: MAX_ROOM_NAME_LENGTH,
    send: (api, name) => api.post('/rooms', { name, price: 100_000 }, bearer('admin')),
    event: RoomRegistered,
    payload: (name) => ({ roomId: 'R-1', name, price: 100_000 }),
  },
  {
    field: 'reason',
    max: MAX_CANCEL_REASON_LENGTH,
    send: (api, reason) => api.post('/reservations/RSV-1/cancel', { reason }, bearer('alice')),
    event: ReservationCancelled,
    payload: (reason) => ({ ...cancelled, reason }),
  },
];

for (const { field, max, send, event, payload } of texts) {
  test(`a ${field} of ${max} emoji passes the API and its event`, async (t) => {
    const { api, upstream } = await gatewayApi(t);
    const reply = await send(api, emoji(max));
    t.true(reply.status < 300, JSON.stringify(reply.body));
    t.is(upstream.calls.length, 1);
    t.true(event.safeParse(payload(emoji(max))).success);
  });

  test(`a ${field} of ${max + 1} emoji is refused by the API with 400 naming it, and by its event`, async (t) => {
    const { api, upstream } = await gatewayApi(t);
    const reply = await send(api, emoji(max + 1));
    t.is(reply.status, 400);
    t.like(errorOf(reply), { code: 'invalid_field', field });
    t.deepEqual(upstream.calls, []);
    const parsed = event.safeParse(payload(emoji(max + 1)));
    t.deepEqual(parsed.error?.issues[0]?.path, [field]);
  });
}
