/**
 * Domain errors with stable codes. Every error a client can see is made here; the GraphQL layer copies
 * `code` into `extensions.code` (and `field` into `extensions.field`) and hides everything else.
 */
export type ErrorCode =
  | 'BAD_USER_INPUT'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'FORBIDDEN'
  | 'UNAUTHENTICATED'
  | 'RATE_LIMITED'
  | 'SERVICE_UNAVAILABLE'
  | 'INTERNAL_SERVER_ERROR';

export interface FieldProblem {
  field: string;
  message: string;
}

export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly field?: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const badInput = (field: string, message: string, details?: Record<string, unknown>) =>
  new DomainError('BAD_USER_INPUT', message, field, details);

/** Several field-level problems at once (e.g. the contents APPK art. 63 requires). */
export const invalidFields = (problems: FieldProblem[]) =>
  new DomainError('BAD_USER_INPUT', problems.map((p) => `${p.field}: ${p.message}`).join('; '), problems[0]?.field, {
    problems,
  });

export const notFound = (entity: string, id?: string) =>
  new DomainError('NOT_FOUND', id ? `${entity} ${id} not found` : `${entity} not found`);

export const conflict = (message: string, details?: Record<string, unknown>) =>
  new DomainError('CONFLICT', message, undefined, details);

export const forbidden = (message = 'You are not allowed to do this') => new DomainError('FORBIDDEN', message);

export const unauthenticated = (message = 'Authentication required') => new DomainError('UNAUTHENTICATED', message);

export const isDomainError = (e: unknown): e is DomainError => e instanceof DomainError;
