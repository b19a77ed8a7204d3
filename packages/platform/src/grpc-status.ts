// One table from error codes to gRPC status codes, by the HTTP status of the
// one table in @roomstay/contracts, and any failure as a gRPC error by it.
import * as grpc from '@grpc/grpc-js';
import { AppError, isAppError } from './errors.ts';
import type { Logger } from './log.ts';

/**
 * gRPC status for an error code, by the HTTP status of the one table in
 * @roomstay/contracts (the inverse of the usual gRPC-to-HTTP mapping, which is
 * also what a sidecar applies when an HTTP caller reaches a gRPC app).
 */
export function grpcStatusOf(httpStatus: number): grpc.status {
  switch (httpStatus) {
    case 400:
    case 413:
    case 415:
      return grpc.status.INVALID_ARGUMENT;
    case 401:
      return grpc.status.UNAUTHENTICATED;
    case 403:
      return grpc.status.PERMISSION_DENIED;
    case 404:
      return grpc.status.NOT_FOUND;
    case 405:
      return grpc.status.UNIMPLEMENTED;
    case 409:
      return grpc.status.ABORTED;
    case 422:
      return grpc.status.FAILED_PRECONDITION;
    case 429:
      return grpc.status.RESOURCE_EXHAUSTED;
    case 502:
    case 503:
      return grpc.status.UNAVAILABLE;
    case 504:
      return grpc.status.DEADLINE_EXCEEDED;
    default:
      return httpStatus < 500 ? grpc.status.INVALID_ARGUMENT : grpc.status.INTERNAL;
  }
}

/**
 * Any failure as a gRPC error: the status from the table, the message (hidden
 * from 500 on, as in HTTP bodies) and the stable code and field as trailing
 * metadata (`error-code`, `error-field`).
 */
export function toServiceError(caught: unknown, logger: Logger, what: string): Partial<grpc.StatusObject> {
  const error = isAppError(caught) ? caught : new AppError('internal', 'unexpected error', { cause: caught });
  if (error.status >= 500) logger.error({ err: caught, rpc: what }, error.message);
  const metadata = new grpc.Metadata();
  metadata.set('error-code', error.code);
  if (error.field) metadata.set('error-field', error.field);
  for (const [name, value] of Object.entries(error.headers)) metadata.set(name.toLowerCase(), value);
  return {
    code: grpcStatusOf(error.status),
    details: error.status < 500 ? error.message : 'the service could not complete the request',
    metadata,
  };
}
