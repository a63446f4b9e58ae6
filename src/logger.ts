import pino, { type DestinationStream, type Logger } from 'pino';
import { maskPersonalDataInText } from './access/personal-data';
import type { LogLevel } from './config';

/**
 * Structured JSON logs. Personal data never goes in:
 *  - request bodies and variables are never logged (the request log line has method, path, operation, duration,
 *    status and error codes only);
 *  - these paths are redacted should any object carry them;
 *  - errors are serialized without the SQL and parameters a database driver error carries, and their message
 *    and stack pass through the personal-data masker.
 */
export const REDACTED_PATHS = [
  'iin',
  'bin',
  'fullName',
  'full_name',
  'phone',
  'email',
  'address',
  'text',
  'variables',
  'args',
  'input',
  'body',
  'authorization',
  '*.iin',
  '*.bin',
  '*.fullName',
  '*.full_name',
  '*.phone',
  '*.email',
  '*.address',
  '*.text',
  '*.variables',
  '*.args',
  '*.input',
  '*.body',
  '*.authorization',
  '*.headers.authorization',
  '*.headers.cookie',
  'req.headers.authorization',
];

/** A statement and its parameters ("insert into … values (…) - duplicate key …"): keep only what follows. */
const SQL_PREFIX = /\b(?:insert\s+into|update|delete\s+from|select|with)\b[\s\S]*?\s-\s(?=[^-])/i;

export function scrubForLog(text: string): string {
  return maskPersonalDataInText(text.replace(SQL_PREFIX, '[sql] - '));
}

export function serializeError(e: unknown): Record<string, unknown> {
  if (!e || typeof e !== 'object') return { message: scrubForLog(String(e)) };
  const err = e as any;
  const out: Record<string, unknown> = {
    type: err.constructor?.name ?? err.name ?? 'Error',
    message: scrubForLog(String(err.message ?? '')),
  };
  if (typeof err.code === 'string' || typeof err.code === 'number') out.code = err.code;
  if (typeof err.stack === 'string') out.stack = scrubForLog(err.stack);
  const cause = err.cause ?? err.originalError;
  if (cause && cause !== e && typeof cause === 'object') out.cause = { type: cause.constructor?.name, code: cause.code, message: scrubForLog(String(cause.message ?? '')) };
  return out;
}

export function createLogger(level: LogLevel, destination?: DestinationStream): Logger {
  const options = {
    level,
    base: { service: 'baqylau' },
    serializers: { err: serializeError, error: serializeError },
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
  };
  return destination ? pino(options, destination) : pino(options);
}
