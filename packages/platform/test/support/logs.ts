// A logger that keeps what it is told, for tests that assert what operators
// see: pino's own JSON lines, parsed.
import { pino } from 'pino';
import type { Logger } from '../../src/log.ts';

export interface LogLine {
  level: number;
  msg: string;
  err?: { message: string };
  [field: string]: unknown;
}

/** pino's number for `warn`. */
export const WARN = 40;

export function recordingLogger(): { logger: Logger; lines: LogLine[] } {
  const lines: LogLine[] = [];
  const logger = pino({ level: 'debug' }, { write: (line: string) => void lines.push(JSON.parse(line) as LogLine) });
  return { logger, lines };
}
