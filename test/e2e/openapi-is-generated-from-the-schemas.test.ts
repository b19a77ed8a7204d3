import test from 'ava';
import { call } from '../support/api.ts';

test('the gateway serves the OpenAPI 3.1 document of the public API', async (t) => {
  const answer = await call<{ openapi: string; paths: Record<string, Record<string, { requestBody?: unknown }>> }>(
    'GET',
    '/openapi.json',
  );
  t.is(answer.status, 200);
  t.is(answer.body.openapi, '3.1.0');
  for (const path of [
    '/rooms',
    '/reservations',
    '/reservations/{id}',
    '/reservations/{id}/payment',
    '/reservations/{id}/cancel',
    '/mypage',
    '/notices',
    '/auth/token',
  ]) {
    t.truthy(answer.body.paths[path], path);
  }
  const placeSchema = JSON.stringify(answer.body.paths['/reservations']?.['post']?.requestBody);
  t.regex(placeSchema, /"additionalProperties":false/, 'the request schema is strict, as validation is');
  t.regex(placeSchema, /"nights"/);
  t.regex(placeSchema, /"maximum":365/, 'the constraints validation enforces are stated');
});
