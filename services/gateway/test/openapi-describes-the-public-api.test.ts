import test from 'ava';
import { z } from 'zod';
import { gatewayApi } from './support/app.ts';

const Document = z.object({
  openapi: z.string(),
  servers: z.array(z.object({ url: z.string() })),
  paths: z.record(
    z.string(),
    z.record(
      z.string(),
      z.object({ requestBody: z.unknown().optional(), responses: z.record(z.string(), z.unknown()) }),
    ),
  ),
});

test('GET /openapi.json is an OpenAPI 3.1.0 document, served without a token', async (t) => {
  const { api } = await gatewayApi(t);
  const reply = await api.get('/openapi.json');
  t.is(reply.status, 200);
  const document = Document.parse(reply.body);
  t.is(document.openapi, '3.1.0');
  t.deepEqual(document.servers, [{ url: 'http://localhost:8080' }]);
});

test('the document lists every public route, /reservations/{id}/payment among them', async (t) => {
  const { api } = await gatewayApi(t);
  const { paths } = Document.parse((await api.get('/openapi.json')).body);
  t.truthy(paths['/reservations/{id}/payment']?.['post']);
  t.truthy(paths['/reservations/{id}/cancel']?.['post']);
  t.truthy(paths['/reservations/{id}']?.['get']);
  t.truthy(paths['/reservations']?.['post']);
  t.truthy(paths['/rooms']?.['get']);
  t.truthy(paths['/rooms']?.['post']);
  t.truthy(paths['/mypage']?.['get']);
  t.truthy(paths['/notices']?.['get']);
  t.truthy(paths['/auth/token']?.['post']);
});

test('the reservation request schema refuses unknown fields and has no price', async (t) => {
  const { api } = await gatewayApi(t);
  const { paths } = Document.parse((await api.get('/openapi.json')).body);
  const schema = z
    .object({
      content: z.object({
        'application/json': z.object({
          schema: z.object({ properties: z.record(z.string(), z.unknown()), additionalProperties: z.literal(false) }),
        }),
      }),
    })
    .parse(paths['/reservations']?.['post']?.requestBody).content['application/json'].schema;
  t.deepEqual(Object.keys(schema.properties).sort(), ['checkIn', 'nights', 'roomId']);
});
