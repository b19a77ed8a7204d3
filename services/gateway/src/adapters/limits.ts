// Fair limits at the ingress, with rate-limiter-flexible. Their state is in
// Redis (shared by every gateway replica) with an in-memory limiter as
// insurance, so the ingress keeps limiting, per replica, when Redis is away.
//
// - every client has a budget of requests per window: a customer by the
//   subject of its verified token, anyone else by network address;
// - sign-in failures (rate-limiter-flexible's login protection): one address
//   gets a few consecutive failures at one account, then that account is
//   refused to that address alone; one address gets a budget of failures over
//   all accounts (it cannot guess many); and an account failed from many
//   addresses is slowed, never refused, so that nobody can lock its owner out.
//   Every attempt takes its point before the password is checked, so N
//   attempts at once count N; a success gives the points back. A refused
//   attempt reaches no password hash at all. Accounts are kept under a hash of
//   their name: a key's size does not depend on what a client sends.
import { createHash } from 'node:crypto';
import type { RateLimiterAbstract, RateLimiterRes } from 'rate-limiter-flexible';
import { AppError } from '@roomstay/platform';

export interface Budget {
  points: number;
  seconds: number;
}

export interface LimitSettings {
  perClient: Budget;
  /** Consecutive failures of one account from one address, then that pair is refused. */
  signInFailuresPerAccountAndAddress: Budget;
  /** Failures from one address over every account, then the address is refused. */
  signInFailuresPerAddress: Budget;
  /** Failures of one account from anywhere, past which its sign-ins are slowed (never refused). */
  signInFailuresPerAccount: Budget;
}

/** Production defaults; the local profile raises the per-client budget for load tests (dapr.yaml). */
export const defaultLimits: LimitSettings = {
  perClient: { points: 200, seconds: 10 },
  signInFailuresPerAccountAndAddress: { points: 5, seconds: 900 },
  signInFailuresPerAddress: { points: 100, seconds: 3600 },
  signInFailuresPerAccount: { points: 20, seconds: 900 },
};

/** How much slower each failure past an account's budget makes its next sign-in, and the most it waits. */
const SLOWER_PER_FAILURE_MS = 250;
const SLOWEST_MS = 3_000;

/** "points/seconds", e.g. "200/10". */
export function parseBudget(value: string | undefined, fallback: Budget): Budget {
  const match = /^(\d+)\/(\d+)$/.exec(value ?? '');
  if (!match) return fallback;
  return { points: Number(match[1]), seconds: Number(match[2]) };
}

export interface Limits {
  /** Counts one request of a client; throws 429 rate_limited with Retry-After past its budget. */
  request(client: string): Promise<void>;
  /**
   * Runs a sign-in attempt for the account named `username` from `address`,
   * unless that pair or that address is out of failures; counts a failure.
   */
  signIn<T>(username: string, address: string, attempt: () => Promise<T>, failed: (result: T) => boolean): Promise<T>;
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

/** An account's key: a fixed-size hash of its name as typed, case folded. */
const accountKey = (username: string): string =>
  `account:${createHash('sha256').update(username.toLowerCase()).digest('base64url').slice(0, 22)}`;

export function createLimits(
  make: LimiterFactory,
  settings: LimitSettings,
  sleep: (ms: number) => Promise<void> = (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
): Limits {
  const perClient = make('client', settings.perClient);
  const perPair = make('signin-pair', settings.signInFailuresPerAccountAndAddress);
  const perAddress = make('signin-address', settings.signInFailuresPerAddress);
  const perAccount = make('signin-account', settings.signInFailuresPerAccount);

  /** Takes one point, or refuses with 429 and how long until the window ends. */
  const take = async (limiter: RateLimiterAbstract, key: string, message: string) => {
    try {
      await limiter.consume(key);
    } catch (error) {
      if (isRes(error)) throw tooMany(message, error.msBeforeNext);
      throw error;
    }
  };

  return {
    async request(client) {
      await take(perClient, client, 'too many requests from this client');
    },
    async signIn(username, address, attempt, failed) {
      const account = accountKey(username);
      const pair = `${account}|${address}`;
      await take(perAddress, address, 'too many failed sign-ins from this address');
      try {
        await take(perPair, pair, 'too many failed sign-ins for this account from this address');
      } catch (error) {
        await perAddress.reward(address, 1);
        throw error;
      }
      // Past the account's failures from everywhere, each attempt waits a little longer first.
      const accountFailures = (await perAccount.get(account))?.consumedPoints ?? 0;
      const past = accountFailures - settings.signInFailuresPerAccount.points;
      if (past >= 0) await sleep(Math.min(SLOWEST_MS, (past + 1) * SLOWER_PER_FAILURE_MS));
      const result = await attempt();
      if (failed(result)) {
        await perAccount.penalty(account);
      } else {
        await Promise.all([perPair.delete(pair), perAddress.reward(address, 1)]);
      }
      return result;
    },
  };
}
