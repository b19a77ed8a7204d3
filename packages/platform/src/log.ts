import { pino, type Logger } from 'pino';

export type { Logger };

/** JSON lines on stdout; the sidecar and the platform collect them. */
export function createLogger(app: string): Logger {
  return pino({
    base: { app },
    level: process.env['LOG_LEVEL'] ?? 'info',
    timestamp: pino.stdTimeFunctions.isoTime,
  });
}

/** A logger that drops everything, for in-process tests. */
export const silentLogger: Logger = pino({ level: 'silent' });
