// What a person is told when a request fails, from the answer's status, error
// code and Retry-After: the room taken (409), slow down (429), try again
// shortly (503, retried by itself after Retry-After), sign in again (401).
// No DOM here: tests read it too.
import type { Texts } from './i18n.ts';

/** A failed answer of the API, or no answer at all (status 0). */
export interface Failure {
  status: number;
  code?: string;
  message?: string;
  /** Seconds, from Retry-After. */
  retryAfter?: number;
}

export interface Problem {
  text: string;
  /** Seconds after which the same request is sent again by itself (503). */
  retryIn?: number;
  /** The customer must sign in again. */
  signIn?: true;
}

/** Retry-After as seconds (a number of seconds or an HTTP date), at least 1; undefined when absent or unreadable. */
export function retryAfterSeconds(header: string | null, now: number = Date.now()): number | undefined {
  if (!header) return undefined;
  const trimmed = header.trim();
  if (/^\d+$/.test(trimmed)) return Math.max(1, Number(trimmed));
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(1, Math.ceil((at - now) / 1000));
}

export function problemOf(failure: Failure, t: Texts): Problem {
  const p = t.problem;
  const wait = failure.retryAfter ?? 5;
  switch (failure.code) {
    case 'room_unavailable':
      return { text: p.roomTaken };
    case 'reservation_not_payable':
      return { text: p.notPayable };
    case 'reservation_expired':
      return { text: p.expired };
    case 'hold_limit_reached':
      return { text: p.holdLimit };
    case 'unauthorized':
      return { text: p.signInAgain, signIn: true };
  }
  if (failure.status === 0) return { text: p.offline };
  if (failure.status === 401) return { text: p.signInAgain, signIn: true };
  if (failure.status === 404) return { text: p.notFound };
  if (failure.status === 409) return { text: p.roomTaken };
  if (failure.status === 429) return { text: p.slowDown(wait) };
  if (failure.status === 503) return { text: p.tryAgainShortly(wait), retryIn: wait };
  if (failure.status === 400 && failure.message) return { text: p.invalid(failure.message) };
  return { text: p.unexpected };
}
