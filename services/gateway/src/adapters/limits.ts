// Fair limits at the ingress, with rate-limiter-flexible. Their state is in
// Redis (shared by every gateway replica) with an in-memory limiter as
// insurance, so the ingress keeps limiting, per replica, when Redis is away.
//
// - every client has a budget of requests per window: a customer by the
//   subject of its verified token, anyone else by network address;
// - sign-in failures are budgeted per account (guessing one account's password
//   is slow) and per address (one address cannot guess many accounts); a
//   success clears the account's count. A blocked attempt reaches no password
//   hash at all.
import type { RateLimiterAbstract, RateLimiterRes } from 'rate-limiter-flexible';
import { AppError } from '@roomstay/platform';

export interface Budget {
  points: number;
  seconds: number;
}

export interface LimitSettings {
  perClient: Budget;
  signInFailuresPerAccount: Budget;
  signInFailuresPerAddress: Budget;
}

/** Production defaults; the local profile raises the per-client budget for load tests (dapr.yaml). */
export const defaultLimits: LimitSettings = {
  perClient: { points: 200, seconds: 10 },
  signInFailuresPerAccount: { points: 5, seconds: 900 },
  signInFailuresPerAddress: { points: 100, seconds: 3600 },
};

/** "points/seconds", e.g. "200/10". */
export function parseBudget(value: string | undefined, fallback: Budget): Budget {
  const match = /^(\d+)\/(\d+)$/.exec(value ?? '');
  if (!match) return fallback;
  return { points: Number(match[1]), seconds: Number(match[2]) };
}

export interface Limits {
  /** Counts one request of a client; throws 429 rate_limited with Retry-After past its budget. */
  request(client: string): Promise<void>;
  /** Runs a sign-in attempt unless the account or the address is out of failures; counts a failure. */
  signIn<T>(account: string, address: string, attempt: () => Promise<T>, failed: (result: T) => boolean): Promise<T>;
}

export type LimiterFactory = (name: string, budget: Budget) => RateLimiterAbstract;

const isRes = (value: unknown): value is RateLimiterRes =>
  typeof value === 'object' && value !== null && 'msBeforeNext' in value;

function tooMany(message: string, msBeforeNext: number): AppError {
  const seconds = Math.max(1, Math.ceil(msBeforeNext / 1000));
  return new AppError('rate_limited', `${message}; try again in ${seconds} s`, {
    headers: { 'Retry-After': String(seconds) },
  });
}

export function createLimits(make: LimiterFactory, settings: LimitSettings): Limits {
  const perClient = make('client', settings.perClient);
  const perAccount = make('signin-account', settings.signInFailuresPerAccount);
  const perAddress = make('signin-address', settings.signInFailuresPerAddress);

  // A count whose window has no end (a key without a TTL, as a replayed Redis
  // append-only file has been seen to leave) blocks nobody.
  const blocked = async (limiter: RateLimiterAbstract, key: string, budget: Budget) => {
    const state = await limiter.get(key);
    return state && state.consumedPoints >= budget.points && state.msBeforeNext > 0 ? state.msBeforeNext : undefined;
  };

  return {
    async request(client) {
      try {
        await perClient.consume(client);
      } catch (error) {
        if (isRes(error)) throw tooMany('too many requests from this client', error.msBeforeNext);
        throw error;
      }
    },
    async signIn(account, address, attempt, failed) {
      const accountWait = await blocked(perAccount, account, settings.signInFailuresPerAccount);
      if (accountWait !== undefined) throw tooMany('too many failed sign-ins for this account', accountWait);
      const addressWait = await blocked(perAddress, address, settings.signInFailuresPerAddress);
      if (addressWait !== undefined) throw tooMany('too many failed sign-ins from this address', addressWait);
      const result = await attempt();
      if (failed(result)) {
        await Promise.all([perAccount.penalty(account), perAddress.penalty(address)]);
      } else {
        await perAccount.delete(account);
      }
      return result;
    },
  };
}
