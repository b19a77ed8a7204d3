// Error codes of the public API and of every internal call: a closed union, and
// the one table that maps each to its HTTP status. Bodies are
// `{ "error": { "code", "message", "field"? } }`; messages are shown only below 500.
import { z } from 'zod';

export const errorStatus = {
  invalid_json: 400,
  invalid_field: 400,
  missing_field: 400,
  unknown_field: 400,
  invalid_request: 400,
  invalid_path: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  method_not_allowed: 405,
  room_unavailable: 409,
  reservation_not_payable: 409,
  reservation_expired: 409,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  payment_not_approved: 422,
  idempotency_key_reused: 422,
  rate_limited: 429,
  hold_limit_reached: 429,
  internal: 500,
  bad_gateway: 502,
  service_unavailable: 503,
  timeout: 504,
} as const satisfies Record<string, number>;

export type ErrorCode = keyof typeof errorStatus;
export const errorCodes = Object.keys(errorStatus) as [ErrorCode, ...ErrorCode[]];

export const ErrorBody = z.strictObject({
  error: z.strictObject({
    code: z.enum(errorCodes),
    message: z.string(),
    field: z.string().optional(),
  }),
});
export type ErrorBody = z.infer<typeof ErrorBody>;
