// How an app behind its sidecar answers a business refusal (a 4xx: not found,
// taken, not payable, a wrong password...). Dapr's circuit breakers count every
// non-2xx answer of an invoked app as a failure, with no filter, so ten ordinary
// refusals would open a circuit for every caller. An app therefore answers a
// refusal to its sidecar as 200 with this envelope; the caller's side of the
// invocation (platform's `invoke`) turns it back into the refusal. What a
// breaker sees as a failure is then only what is one: timeouts, connection
// errors, 5xx, and 408/429 (which ask the caller to back off).
import { z } from 'zod';

export const InternalRefusal = z.strictObject({
  refused: z.strictObject({
    status: z.number().int().min(400).max(499),
    body: z.unknown(),
    /** Headers the refusal needs to keep its meaning: Allow, Retry-After. */
    headers: z.record(z.string(), z.string()),
  }),
});
export type InternalRefusal = z.infer<typeof InternalRefusal>;

/**
 * 4xx answers that are not about the business but ask the caller to back off
 * (a timeout, a throttled client): they stay failures. A 429 that is a business
 * limit (hold_limit_reached: pay or cancel first) is a refusal like any other.
 */
export function asksToBackOff(status: number, body: unknown): boolean {
  if (status === 408) return true;
  if (status !== 429) return false;
  const code = (body as { error?: { code?: unknown } } | undefined)?.error?.code;
  return code !== 'hold_limit_reached';
}

/** Response headers a refusal carries through the envelope. */
export const refusalHeaders = ['allow', 'retry-after', 'www-authenticate'] as const;
