import { AppError } from '@roomstay/platform';

/** Seconds a caller waits before trying again once payment could not be reached. */
const PAYMENT_RETRY_SECONDS = 5;

/**
 * Payment is down, overloaded or its circuit is open: nothing was changed
 * here, and the caller may try again shortly. `consequence` says what did not happen.
 */
export const paymentUnavailable = (consequence = 'try again shortly'): AppError =>
  new AppError('service_unavailable', `payment is unavailable; ${consequence}`, {
    headers: { 'Retry-After': String(PAYMENT_RETRY_SECONDS) },
  });

/** A document kept losing races: the caller tries again in a second. */
export const busy = (what: string): AppError =>
  new AppError('service_unavailable', `${what} is busy; try again shortly`, { headers: { 'Retry-After': '1' } });

/** The customer holds as many unpaid reservations as they may, until the soonest runs out in `seconds`. */
export const holdLimitReached = (limit: number, seconds: number): AppError =>
  new AppError(
    'hold_limit_reached',
    `at most ${limit} unpaid reservations at once: pay or cancel one, or wait until one expires`,
    { headers: { 'Retry-After': String(Math.max(1, Math.ceil(seconds))) } },
  );
