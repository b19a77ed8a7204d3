// The gateway's interactions with the apps behind it. The gateway reads an
// app's success whole (it is the public answer, whose schema and status
// routes.ts publishes in the OpenAPI document) and of a failure only whether it
// is one of our error bodies (forward.ts relays it then, with its status).
import { callerHeaders, type Caller } from '@roomstay/platform';
import type { z } from 'zod';
import { routes, type PublicRoute } from '../../../services/gateway/src/adapters/routes.ts';
import type { ContractResponse, Interaction, InvocationContract } from './contract.ts';

export const alice: Caller = { customerId: 'alice', name: 'Alice Kim', role: 'customer' };
export const bob: Caller = { customerId: 'bob', name: 'Bob', role: 'customer' };
export const admin: Caller = { customerId: 'root', name: 'Admin', role: 'admin' };
export const callers = { alice, bob, admin } as const;
export type CallerName = keyof typeof callers;

/** What a client sends the gateway to make it send the interaction's request. */
export interface ClientRequest {
  method: 'GET' | 'POST';
  path: string;
  /** Signed in as (a bearer token the gateway verifies). */
  as?: CallerName;
  /** JSON, or a string sent with the `content-type` of `headers`. */
  body?: unknown;
  headers?: Record<string, string>;
}

export interface GatewayInteraction extends Interaction {
  /** The public route: its operationId in routes.ts, or "METHOD /auth/..." of the allow-list. */
  route: string;
  client: ClientRequest;
}

export type GatewayContract = InvocationContract<GatewayInteraction>;

export function routeNamed(operationId: string): PublicRoute {
  const route = routes.find((r) => r.operationId === operationId);
  if (!route) throw new Error(`no route ${operationId} in routes.ts`);
  return route;
}

/** A success of a public route: its status and schema as routes.ts states them. */
export function succeeded(operationId: string, example: unknown): ContractResponse {
  const route = routeNamed(operationId);
  return { status: route.status, body: route.response, example };
}

/** The identity headers the gateway sends for a signed-in caller. */
export const identityOf = (name: CallerName): Record<string, string> => callerHeaders(callers[name]);

/** Type-checks the example against its schema, then forgets the schema's type. */
export function gatewayInteraction<S extends z.ZodType>(
  value: Interaction<S> & { route: string; client: ClientRequest },
): GatewayInteraction {
  return value;
}
