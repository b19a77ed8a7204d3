import { errorStatus, type ErrorCode } from '@roomstay/contracts';

/**
 * Seconds a 503 asks its caller to wait when it names no time of its own.
 * Every 503 (service_unavailable) means "try again", so every one says when
 * (Retry-After): a sidecar being restarted, a store or a service briefly away.
 */
export const RETRY_AFTER_SECONDS = 1;

const retryAfterOf = (code: ErrorCode): Record<string, string> =>
  errorStatus[code] === 503 ? { 'Retry-After': String(RETRY_AFTER_SECONDS) } : {};

/**
 * The one error type that crosses a layer boundary. Its code is from the closed
 * union in @roomstay/contracts; the status comes from the one table there.
 */
export class AppError extends Error {
  override readonly name = 'AppError';
  readonly code: ErrorCode;
  readonly field: string | undefined;
  /** Extra response headers: Retry-After on every 503 (its own time, or RETRY_AFTER_SECONDS). */
  readonly headers: Readonly<Record<string, string>>;

  constructor(
    code: ErrorCode,
    message: string,
    options: { field?: string; cause?: unknown; headers?: Record<string, string> } = {},
  ) {
    super(message, { cause: options.cause });
    this.code = code;
    this.field = options.field;
    const given = options.headers ?? {};
    const timed = Object.keys(given).some((name) => name.toLowerCase() === 'retry-after');
    this.headers = timed ? given : { ...retryAfterOf(code), ...given };
  }

  get status(): number {
    return errorStatus[this.code];
  }
}

export const isAppError = (error: unknown): error is AppError => error instanceof AppError;
