// My page in Redis: one hash per customer (field = reservationId, value = the
// line as JSON) and one set of applied event ids per customer. A line and its
// event id are written in one MULTI under WATCH, so an event is applied once
// even with replicas writing. WATCH belongs to the connection, so this process
// runs one apply at a time on it.
import type { Redis } from 'ioredis';
import { MyPageReservation } from '@roomstay/contracts';
import type { MyPageStore } from '../application/mypage.ts';

const pageKey = (customerId: string) => `mypage:${customerId}`;
const seenKey = (customerId: string) => `mypage:${customerId}:events`;
export const statsKey = 'roominfo:stats';

export function redisMyPageStore(redis: Redis): MyPageStore {
  let queue: Promise<unknown> = Promise.resolve();
  const oneAtATime = <T>(work: () => Promise<T>): Promise<T> => {
    const run = queue.then(work, work);
    queue = run.catch(() => undefined);
    return run;
  };
  return {
    apply: (customerId, eventId, patch, fold) =>
      oneAtATime(async () => {
        const page = pageKey(customerId);
        const seen = seenKey(customerId);
        await redis.watch(page, seen);
        try {
          if (await redis.sismember(seen, eventId)) {
            await redis.unwatch();
            await redis.hincrby(statsKey, 'duplicates', 1);
            return 'duplicate';
          }
          const raw = await redis.hget(page, patch.reservationId);
          const line = fold(raw ? MyPageReservation.parse(JSON.parse(raw)) : undefined, patch);
          const result = await redis
            .multi()
            .hset(page, patch.reservationId, JSON.stringify(line))
            .sadd(seen, eventId)
            .hincrby(statsKey, 'applied', 1)
            .exec();
          return result === null ? 'conflict' : 'applied';
        } catch (error) {
          await redis.unwatch().catch(() => undefined);
          throw error;
        }
      }),
    async lines(customerId) {
      const all = await redis.hgetall(pageKey(customerId));
      return Object.values(all).map((raw) => MyPageReservation.parse(JSON.parse(raw)));
    },
  };
}
