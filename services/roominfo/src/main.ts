import { Redis } from 'ioredis';
import { createLogger, portFromEnv, requiredEnv, serve } from '@roomstay/platform';
import { redisMyPageStore } from './adapters/redis-store.ts';
import { createApp } from './app.ts';

const logger = createLogger('roominfo');
// Signs in as its own Redis user (its app id), whose ACL covers only its keys.
const redis = new Redis(process.env['ROOMINFO_REDIS_URL'] ?? 'redis://127.0.0.1:6380/1', {
  username: process.env['APP_ID'] ?? 'roominfo',
  password: requiredEnv('REDIS_PASSWORD'),
  lazyConnect: false,
  maxRetriesPerRequest: 2,
});
redis.on('error', (error) => logger.warn({ err: error }, 'redis connection error'));

const app = createApp({
  appToken: requiredEnv('APP_API_TOKEN'),
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
