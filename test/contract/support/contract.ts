// Contracts as data. A contract is one edge of the design, consumer -> provider,
// written by the consumer: the interactions it needs, each the request it sends
// and the answer it relies on. The answer's schema names only the fields the
// consumer reads; its example is what the stub provider answers, cut down to
// that schema, so the consumer's test proves it manages with no more.
import { ErrorBody, type ErrorCode } from '@roomstay/contracts';
import { z } from 'zod';

export type AppId = 'gateway' | 'auth' | 'room' | 'reservation' | 'payment' | 'promotion' | 'roominfo' | 'notice';

export interface ContractRequest {
  method: 'GET' | 'POST';
  /** The path on the provider app, with its query string if any (compared as a set of parameters). */
  path: string;
  /** Headers that matter to the provider: the caller's identity, an Idempotency-Key, a content type. */
  headers?: Record<string, string>;
  /** JSON (compared by value), or a string sent as it is (a form). */
  body?: unknown;
}

export interface ContractResponse<S extends z.ZodType = z.ZodType> {
  /**
   * The status the consumer sees once platform's `invoke` has unwrapped a
   * refusal envelope: the provider's own HTTP status.
   */
  status: number;
  /** Only the fields the consumer reads. */
  body: S;
  /** What the stub provider answers, cut down to `body`. */
  example: z.input<S>;
  /** Response headers the consumer relies on, with example values (the provider's test checks their presence). */
  headers?: Record<string, string>;
}

export interface Interaction<S extends z.ZodType = z.ZodType> {
  /** What the consumer does, as a sentence. */
  description: string;
  /** The provider state this needs, by name; the provider's test knows how to set each up. */
  state: string;
  request: ContractRequest;
  response: ContractResponse<S>;
}

/** Type-checks the example against its schema, then forgets the schema's type. */
export function interaction<S extends z.ZodType>(value: Interaction<S>): Interaction {
  return value;
}

export interface InvocationContract<I extends Interaction = Interaction> {
  consumer: AppId;
  provider: AppId;
  interactions: readonly I[];
}

/**
 * A refusal the consumer reads as one of our error bodies with this code (the
 * gateway relays a body only when it is one: forward.ts).
 */
export function refusalOf<C extends ErrorCode>(code: C) {
  return ErrorBody.extend({ error: ErrorBody.shape.error.extend({ code: z.literal(code) }) });
}

/** A refusal whose body the consumer does not read: only its status matters. */
export const anyBody = z.unknown();

/** An error body as an app writes it, for examples. */
export function errorExample<C extends ErrorCode>(
  code: C,
  message: string,
  field?: string,
): { error: { code: C; message: string; field?: string } } {
  return { error: { code, message, ...(field ? { field } : {}) } };
}

/** Path and query apart; the query as sorted pairs, since its order means nothing. */
export function splitPath(path: string): { pathname: string; query: string[] } {
  const at = path.indexOf('?');
  const pathname = at < 0 ? path : path.slice(0, at);
  const query = at < 0 ? [] : [...new URLSearchParams(path.slice(at + 1))].map(([k, v]) => `${k}=${v}`).sort();
  return { pathname, query };
}
