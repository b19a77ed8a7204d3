import { Redis } from 'ioredis';
import { createLogger, portFromEnv, serve } from '@roomstay/platform';
import { redisMyPageStore } from './adapters/redis-store.ts';
import { createApp } from './app.ts';

const logger = createLogger('roominfo');
const redis = new Redis(process.env['ROOMINFO_REDIS_URL'] ?? 'redis://127.0.0.1:6380/1', {
  lazyConnect: false,
  maxRetriesPerRequest: 2,
});
redis.on('error', (error) => logger.warn({ err: error }, 'redis connection error'));

const app = createApp({
  store: redisMyPageStore(redis),
  logger,
  ready: () => redis.status === 'ready',
});
serve(app, {
  port: portFromEnv('APP_PORT', 7006),
  logger,
  onShutdown: async () => {
    await redis.quit();
  },
});
