// How an app's own gRPC API answers a business refusal, and how its callers
// read it (packages/contracts/proto/roomstay/rpc/v1/refusal.proto). Dapr's
// circuit breakers count every non-OK status of a proxied call as a failure,
// with no filter, as they count every non-2xx answer of an HTTP app: the same
// convention as contracts' InternalRefusal, in gRPC's terms. The app answers a
// refusal as OK with a Refusal in the response's `refused`; the caller's
// client turns it back into the gRPC error it stands for, so callers (and
// their tests) see refusals as they always did.
import * as grpc from '@grpc/grpc-js';
import { asksToBackOff } from '@roomstay/contracts';
import { isAppError } from './errors.ts';
import { grpcStatusOf } from './grpc-status.ts';

/** roomstay.rpc.v1.Refusal as proto-loader reads and writes it. */
export interface Refusal {
  /** The gRPC status code the refusal stands for. */
  status: grpc.status;
  /** The stable error code. */
  code: string;
  message: string;
  field?: string;
  metadata: Record<string, string>;
}

/**
 * The refusal a failure is, if it is one: a 4xx of the one table, except what
 * asks the caller to back off (408, a throttling 429), which a breaker must
 * see. Server errors and anything that is not an AppError are not refusals.
 */
export function refusalOf(caught: unknown): Refusal | undefined {
  if (!isAppError(caught) || caught.status < 400 || caught.status >= 500) return undefined;
  if (asksToBackOff(caught.status, { error: { code: caught.code } })) return undefined;
  const metadata: Record<string, string> = {};
  for (const [name, value] of Object.entries(caught.headers)) metadata[name.toLowerCase()] = value;
  return {
    status: grpcStatusOf(caught.status),
    code: caught.code,
    message: caught.message,
    ...(caught.field ? { field: caught.field } : {}),
    metadata,
  };
}

/**
 * A method handler whose refusals are answered as OK, in the response's
 * `refused` (a oneof with the answer in the method's response message). Give
 * it to `unary`, which checks the app token first: a caller without it is
 * still refused with UNAUTHENTICATED, as an error.
 */
export function refusable<Req, Res>(
  handler: (request: Req, metadata: grpc.Metadata) => Promise<Res>,
): (request: Req, metadata: grpc.Metadata) => Promise<Res | { refused: Refusal }> {
  return async (request, metadata) => {
    try {
      return await handler(request, metadata);
    } catch (caught) {
      const refused = refusalOf(caught);
      if (!refused) throw caught;
      return { refused };
    }
  };
}

function refusalIn(message: unknown): Refusal | undefined {
  if (typeof message !== 'object' || message === null || !('refused' in message)) return undefined;
  const refused = message.refused as Partial<Refusal> | null | undefined;
  if (typeof refused?.status !== 'number' || typeof refused.code !== 'string') return undefined;
  return {
    status: refused.status,
    code: refused.code,
    message: typeof refused.message === 'string' ? refused.message : '',
    ...(typeof refused.field === 'string' ? { field: refused.field } : {}),
    metadata: refused.metadata ?? {},
  };
}

/** The refusal as the gRPC status it stands for: the error `toServiceError` would have made of it. */
function statusOf(refusal: Refusal): grpc.StatusObject {
  const metadata = new grpc.Metadata();
  metadata.set('error-code', refusal.code);
  if (refusal.field) metadata.set('error-field', refusal.field);
  for (const [name, value] of Object.entries(refusal.metadata)) metadata.set(name, value);
  return { code: refusal.status, details: refusal.message, metadata };
}

/**
 * A client interceptor that turns a refusal answered as OK back into the gRPC
 * error it stands for (status, message, `error-code` and `error-field`
 * metadata), so a caller reads refusals as errors whichever way they travel.
 */
export const refusalsAsErrors: grpc.Interceptor = (options, nextCall) =>
  new grpc.InterceptingCall(nextCall(options), {
    start(metadata, _listener, next) {
      let refused: Refusal | undefined;
      next(metadata, {
        onReceiveMessage(message: unknown, nextMessage: (message: unknown) => void) {
          refused = refusalIn(message);
          nextMessage(message);
        },
        onReceiveStatus(status: grpc.StatusObject, nextStatus: (status: grpc.StatusObject) => void) {
          nextStatus(refused && status.code === grpc.status.OK ? statusOf(refused) : status);
        },
      });
    },
  });
