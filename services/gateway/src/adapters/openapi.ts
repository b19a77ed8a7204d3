// OpenAPI 3.1 of the public API, generated from the route table and the same
// zod schemas that validate requests (JSON Schema 2020-12, as 3.1 uses): every
// constraint the gateway enforces on a body, a path parameter, a query
// parameter or a header is stated here, so no request the document allows is
// refused for its form.
import { z } from 'zod';
import { ErrorBody } from '@roomstay/contracts';
import { authRoutes, type PublicRoute } from './routes.ts';

const toSchema = (schema: z.ZodType, io: 'input' | 'output') => {
  const { $schema: _dialect, ...json } = z.toJSONSchema(schema, {
    target: 'draft-2020-12',
    io,
    unrepresentable: 'any',
  }) as Record<string, unknown>;
  return json;
};

const errorResponse = (description: string) => ({
  description,
  content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
});

/** Answers any operation can give: the client's budget, and a service behind the ingress briefly away. */
const alwaysPossible = {
  429: {
    ...errorResponse('Too many requests from this client; retry after Retry-After seconds'),
    headers: { 'Retry-After': { schema: { type: 'integer', minimum: 1 } } },
  },
  503: {
    ...errorResponse('A service behind the gateway is unavailable; retry after Retry-After seconds'),
    headers: { 'Retry-After': { schema: { type: 'integer', minimum: 1 } } },
  },
};

/** Each property of an object schema as one parameter in `where`. */
function parametersOf(schema: z.ZodType, where: 'path' | 'query' | 'header') {
  const json = toSchema(schema, 'input') as { properties?: Record<string, unknown>; required?: string[] };
  return Object.entries(json.properties ?? {}).map(([name, property]) => ({
    name,
    in: where,
    required: where === 'path' || (json.required ?? []).includes(name),
    schema: property,
  }));
}

export function openApiDocument(routes: readonly PublicRoute[], serverUrl: string): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const path = route.path.replace(/:(\w+)/g, '{$1}');
    const names = [...route.path.matchAll(/:(\w+)/g)].map((m) => m[1] ?? '');
    const pathSchema = z.strictObject(
      Object.fromEntries(names.map((name) => [name, route.params?.[name] ?? z.string()])),
    );
    const parameters = [
      ...parametersOf(pathSchema, 'path'),
      ...(route.query ? parametersOf(route.query, 'query') : []),
      ...(route.headers
        ? parametersOf(
            z.object(Object.fromEntries(Object.entries(route.headers).map(([n, s]) => [n, s.optional()]))),
            'header',
          )
        : []),
    ];
    const validated = Boolean(route.body || route.query || route.params || route.headers);
    paths[path] ??= {};
    paths[path][route.method.toLowerCase()] = {
      operationId: route.operationId,
      summary: route.summary,
      ...(route.access === 'public' ? { security: [] } : {}),
      parameters,
      ...(route.body
        ? {
            requestBody: {
              // Required when the body has required fields; an empty body is read as {}.
              required: ((toSchema(route.body, 'input')['required'] as unknown[] | undefined) ?? []).length > 0,
              content: { 'application/json': { schema: toSchema(route.body, 'input') } },
            },
          }
        : {}),
      responses: {
        [route.status]: {
          description: 'OK',
          content: { 'application/json': { schema: toSchema(route.response, 'output') } },
          ...(route.links
            ? {
                links: Object.fromEntries(
                  Object.entries(route.links).map(([name, link]) => [
                    name,
                    { operationId: link.operation, parameters: link.parameters },
                  ]),
                ),
              }
            : {}),
        },
        ...(validated ? { 400: errorResponse('Invalid request: the error code and field name the problem') } : {}),
        ...(route.body ? { 413: errorResponse('Body too large'), 415: errorResponse('The body is not JSON') } : {}),
        ...(route.access !== 'public' ? { 401: errorResponse('Missing or invalid bearer token') } : {}),
        ...(route.access === 'admin' ? { 403: errorResponse('The caller lacks the role') } : {}),
        404: errorResponse('Not found'),
        409: errorResponse('Conflict with the current state'),
        422: errorResponse('Well-formed but refused'),
        ...alwaysPossible,
      },
    };
  }
  const oauthError = {
    description: 'OAuth error (RFC 6749 §5.2): { error, error_description }',
    content: {
      'application/json': {
        schema: {
          type: 'object',
          required: ['error'],
          properties: { error: { type: 'string' }, error_description: { type: 'string' } },
        },
      },
    },
  };
  const json = { description: 'OK', content: { 'application/json': { schema: { type: 'object' } } } };
  for (const route of authRoutes) {
    paths[route.path] = {
      [route.method.toLowerCase()]:
        route.path === '/auth/token'
          ? {
              operationId: 'token',
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
                        client_id: { const: 'roomstay-cli' },
                        username: { type: 'string', minLength: 1, maxLength: 100 },
                        password: { type: 'string', minLength: 1, maxLength: 200 },
                      },
                    },
                  },
                },
              },
              responses: {
                200: { ...json, description: 'An access token (JWT, ES256)' },
                // Wrong credentials are 400 invalid_grant, an unknown client 401 invalid_client, as OAuth says.
                400: oauthError,
                401: oauthError,
                ...alwaysPossible,
              },
            }
          : {
              operationId: route.path === '/auth/jwks' ? 'jwks' : 'discovery',
              summary:
                route.path === '/auth/jwks'
                  ? 'The public keys access tokens are signed with (JWKS)'
                  : 'OpenID Connect discovery',
              security: [],
              responses: { 200: json, ...alwaysPossible },
            },
    };
  }
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
