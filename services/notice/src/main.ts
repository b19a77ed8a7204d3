import pg from 'pg';
import { createLogger, portFromEnv, serve, requiredEnv } from '@roomstay/platform';
import { migrateNotices, postgresNoticeRepository } from './adapters/postgres-repository.ts';
import { createApp } from './app.ts';

const logger = createLogger('notice');
// Signs in as its own role (its app id), which owns only its own database.
const where = new URL(process.env['NOTICE_POSTGRES_URL'] ?? 'postgres://127.0.0.1:5432/notice');
const pool = new pg.Pool({
  host: where.hostname,
  port: Number(where.port || 5432),
  database: where.pathname.slice(1),
  user: process.env['APP_ID'] ?? 'notice',
  password: requiredEnv('POSTGRES_PASSWORD'),
  max: 4,
  connectionTimeoutMillis: 5_000,
  statement_timeout: 5_000,
});
pool.on('error', (error) => logger.warn({ err: error }, 'postgres connection error'));

let migrated = false;
const migrate = (): void =>
  void migrateNotices(pool).then(
    () => {
      migrated = true;
    },
    (error: unknown) => {
      logger.warn({ err: error }, 'notices table not ready; trying again');
      setTimeout(migrate, 1_000);
    },
  );
migrate();

const app = createApp({
  appToken: requiredEnv('APP_API_TOKEN'),
  notices: postgresNoticeRepository(pool),
  logger,
  ready: () => migrated,
});
serve(app, {
  port: portFromEnv('APP_PORT', 7007),
  logger,
  onShutdown: async () => {
    await pool.end();
  },
});
