import pino, { type Logger } from 'pino';
import type { LogLevel } from './config';

/**
 * Structured JSON logs. Personal data never goes in: request bodies and variables are not logged, and these
 * paths are redacted should an error object carry them.
 */
export function createLogger(level: LogLevel): Logger {
  return pino({
    level,
    base: { service: 'baqylau' },
    redact: {
      paths: ['*.iin', '*.bin', '*.fullName', '*.phone', '*.email', '*.address', '*.text', 'req.headers.authorization', '*.variables'],
      censor: '[redacted]',
    },
  });
}
