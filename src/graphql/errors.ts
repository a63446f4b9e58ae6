import type { GraphQLFormattedError } from 'graphql';
import { GraphQLError } from 'graphql';
import { DomainError } from '../shared/errors';

const PASS_THROUGH_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'RATE_LIMITED',
  'SERVICE_UNAVAILABLE',
  'QUERY_TOO_COMPLEX',
]);

/** The error a resolver threw, beneath graphql-js's wrappers (duck-typed: graphql ships ESM and CJS copies). */
function unwrap(error: unknown): unknown {
  let e: any = error;
  for (let i = 0; i < 5 && e && typeof e === 'object' && e.originalError; i++) e = e.originalError;
  return e;
}

const isDomain = (e: any): e is DomainError => e instanceof DomainError || (e?.name === 'DomainError' && typeof e.code === 'string');
const isGraphQLError = (e: any) => e instanceof GraphQLError || e?.constructor?.name === 'GraphQLError';

export function isConnectionFailure(e: any): boolean {
  const code = e?.code ?? e?.cause?.code;
  return ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', '57P01', '57P03', '08006', '08001', '08003'].includes(code) ||
    /Connection terminated|timeout exceeded when trying to connect|Knex: Timeout acquiring a connection|is not queryable|connection error|terminating connection|server closed the connection|the database system is (?:shutting down|starting up|in recovery)|ECONNREFUSED|ECONNRESET/i.test(
      String(e?.message),
    );
}

/** The stable code a client will see for an error (the same decision `formatError` makes). */
export function errorCodeOf(error: unknown): string {
  const original = unwrap(error) as any;
  if (isDomain(original)) return original.code;
  const name = original?.constructor?.name ?? '';
  if (name === 'OptimisticLockError' || name === 'UniqueConstraintViolationException' || original?.code === '23505') return 'CONFLICT';
  if (name === 'ArgumentValidationError') return 'BAD_USER_INPUT';
  if (isConnectionFailure(original)) return 'SERVICE_UNAVAILABLE';
  const code = (error as any)?.extensions?.code ?? original?.extensions?.code;
  if (typeof code === 'string' && PASS_THROUGH_CODES.has(code)) return code;
  return 'INTERNAL_SERVER_ERROR';
}

/**
 * What a client sees of an error: a message and a stable `extensions.code`. Domain errors keep their message;
 * anything unexpected becomes INTERNAL_SERVER_ERROR with no stack, SQL or internals.
 */
export function formatError(
  formatted: GraphQLFormattedError,
  error: unknown,
  log?: (err: unknown) => void,
): GraphQLFormattedError {
  const original = unwrap(error) as any;
  if (isDomain(original)) {
    return {
      message: original.message,
      locations: formatted.locations,
      path: formatted.path,
      extensions: {
        code: original.code,
        ...(original.field ? { field: original.field } : {}),
        ...(original.details ? { details: original.details } : {}),
      },
    };
  }
  const name = original?.constructor?.name ?? '';
  if (name === 'OptimisticLockError') {
    return {
      message: 'Someone else changed this record; reload it and try again',
      path: formatted.path,
      extensions: { code: 'CONFLICT' },
    };
  }
  if (name === 'UniqueConstraintViolationException' || original?.code === '23505') {
    return { message: 'This record already exists', path: formatted.path, extensions: { code: 'CONFLICT' } };
  }
  if (name === 'ArgumentValidationError') {
    return {
      message: 'Invalid input',
      path: formatted.path,
      extensions: { code: 'BAD_USER_INPUT', problems: (original.extensions?.validationErrors ?? []).map((v: any) => v.property) },
    };
  }
  if (isConnectionFailure(original)) {
    return {
      message: 'The database is unavailable; try again shortly',
      path: formatted.path,
      extensions: { code: 'SERVICE_UNAVAILABLE' },
    };
  }
  const code = formatted.extensions?.code;
  if (typeof code === 'string' && PASS_THROUGH_CODES.has(code)) {
    const { stacktrace: _s, exception: _e, ...extensions } = (formatted.extensions ?? {}) as Record<string, unknown>;
    return { ...formatted, extensions };
  }
  // A GraphQL error thrown without a code during argument coercion (e.g. a bad scalar) is the client's fault.
  if (isGraphQLError(error) && !(error as any).originalError && !formatted.path) {
    return { message: formatted.message, locations: formatted.locations, extensions: { code: 'BAD_USER_INPUT' } };
  }
  if (isGraphQLError(original) && /Expected|cannot represent|Invalid/i.test(original.message) && !original.originalError) {
    return { message: original.message, path: formatted.path, extensions: { code: 'BAD_USER_INPUT' } };
  }
  log?.(original);
  return { message: 'Internal server error', path: formatted.path, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
}
