// OpenAPI 3.1 of the public API, generated from the route table and the same
// zod schemas that validate requests (JSON Schema 2020-12, as 3.1 uses).
import { z } from 'zod';
import { ErrorBody } from '@roomstay/contracts';
import type { PublicRoute } from './routes.ts';

const toSchema = (schema: z.ZodType, io: 'input' | 'output') =>
  z.toJSONSchema(schema, { target: 'draft-2020-12', io, unrepresentable: 'any' });

const errorResponse = (description: string) => ({
  description,
  content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
});

export function openApiDocument(routes: readonly PublicRoute[], serverUrl: string): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const path = route.path.replace(/:(\w+)/g, '{$1}');
    const params = [...route.path.matchAll(/:(\w+)/g)].map((m) => ({
      name: m[1],
      in: 'path',
      required: true,
      schema: { type: 'string' },
    }));
    const headers = (route.headers ?? []).map((name) => ({
      name,
      in: 'header',
      required: false,
      schema: { type: 'string' },
    }));
    paths[path] ??= {};
    paths[path][route.method.toLowerCase()] = {
      summary: route.summary,
      ...(route.access === 'public' ? { security: [] } : {}),
      parameters: [...params, ...headers],
      ...(route.body
        ? {
            requestBody: {
              required: false,
              content: { 'application/json': { schema: toSchema(route.body, 'input') } },
            },
          }
        : {}),
      responses: {
        [route.status]: {
          description: 'OK',
          content: { 'application/json': { schema: toSchema(route.response, 'output') } },
        },
        ...(route.body
          ? {
              400: errorResponse('Invalid request: the error code and field name the problem'),
              413: errorResponse('Body too large'),
            }
          : {}),
        ...(route.access !== 'public' ? { 401: errorResponse('Missing or invalid bearer token') } : {}),
        ...(route.access === 'admin' ? { 403: errorResponse('The caller lacks the role') } : {}),
        404: errorResponse('Not found'),
        409: errorResponse('Conflict with the current state'),
        422: errorResponse('Well-formed but refused'),
        503: errorResponse('A service behind the gateway is unavailable; retry after Retry-After'),
      },
    };
  }
  paths['/auth/token'] = {
    post: {
      summary: 'OAuth 2.0 token endpoint (password grant for the first-party client roomstay-cli)',
      security: [],
      requestBody: {
        required: true,
        content: {
          'application/x-www-form-urlencoded': {
            schema: {
              type: 'object',
              required: ['grant_type', 'client_id', 'username', 'password'],
              properties: {
                grant_type: { const: 'password' },
                client_id: { type: 'string' },
                username: { type: 'string' },
                password: { type: 'string' },
              },
            },
          },
        },
      },
      responses: {
        200: { description: 'An access token (JWT, ES256)' },
        400: { description: 'OAuth error (RFC 6749 §5.2): { error, error_description }' },
      },
    },
  };
  return {
    openapi: '3.1.0',
    info: { title: 'Room reservation and promotion API', version: '1.0.0' },
    servers: [{ url: serverUrl }],
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
      schemas: { Error: toSchema(ErrorBody, 'output') },
    },
    security: [{ bearer: [] }],
    paths,
  };
}
