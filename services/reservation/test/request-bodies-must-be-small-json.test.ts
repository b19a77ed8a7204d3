import test from 'ava';
import { errorOf } from '../../../packages/platform/test/support/http.ts';
import { alice, as, oceanView, reservationApi } from './support/app.ts';

test('a body over 16kb answers 413 payload_too_large', async (t) => {
  const { api, reservations } = await reservationApi(t);
  const body = {
    roomId: oceanView.roomId,
    checkIn: '2030-03-01',
    checkOut: '2030-03-02',
    padding: 'x'.repeat(17 * 1024),
  };
  const reply = await api.post('/reservations', body, as(alice));
  t.is(reply.status, 413);
  t.is(errorOf(reply).code, 'payload_too_large');
  t.deepEqual(reservations.all(), []);
});

test('a body that is not JSON by its content-type answers 415 unsupported_media_type', async (t) => {
  const { api } = await reservationApi(t);
  const reply = await api.request('POST', '/reservations', {
    raw: 'roomId=R-OCEAN&checkIn=2030-03-01&checkOut=2030-03-02',
    headers: { ...as(alice), 'content-type': 'application/x-www-form-urlencoded' },
  });
  t.is(reply.status, 415);
  t.is(errorOf(reply).code, 'unsupported_media_type');
  const text = await api.request('POST', '/reservations', {
    raw: 'hello',
    headers: { ...as(alice), 'content-type': 'text/plain' },
  });
  t.is(text.status, 415);
});

test('a JSON body that does not parse answers 400 invalid_json', async (t) => {
  const { api } = await reservationApi(t);
  const reply = await api.request('POST', '/reservations', {
    raw: '{"roomId": "R-OCEAN", "checkIn": ',
    headers: { ...as(alice), 'content-type': 'application/json' },
  });
  t.is(reply.status, 400);
  t.is(errorOf(reply).code, 'invalid_json');
});

test('a JSON body that is not an object answers 400 and reserves nothing', async (t) => {
  const { api, reservations } = await reservationApi(t);
  const reply = await api.post('/reservations', ['R-OCEAN'], as(alice));
  t.is(reply.status, 400);
  t.deepEqual(reservations.all(), []);
});
