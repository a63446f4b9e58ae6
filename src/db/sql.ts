import type { EntityManager } from '@mikro-orm/postgresql';

/**
 * Plain SQL through the ORM's connection (and its transaction, when the EntityManager is inside one).
 * Placeholders are `?`. Arrays are passed as PostgreSQL array literals (see `pgArray`) and compared with
 * `= any(?::uuid[])`, because the query builder would expand a JS array into a list.
 */
export async function query<T = Record<string, unknown>>(em: EntityManager, sql: string, params: unknown[] = []): Promise<T[]> {
  return em.getConnection().execute<T[]>(sql, params as any[], 'all', em.getTransactionContext());
}

export async function queryOne<T = Record<string, unknown>>(
  em: EntityManager,
  sql: string,
  params: unknown[] = [],
): Promise<T | null> {
  const rows = await query<T>(em, sql, params);
  return rows[0] ?? null;
}

/** A PostgreSQL array literal: '{"a","b"}', each element quoted and escaped. */
export function pgArray(values: readonly (string | number)[]): string {
  return `{${values.map((v) => `"${String(v).replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`).join(',')}}`;
}

/** Timestamps arrive as text from the driver ('2026-01-05 09:00:00+00'); the API speaks Date. */
export function toDate(v: unknown): Date | null {
  if (v === null || v === undefined) return null;
  if (v instanceof Date) return v;
  return new Date(String(v).replace(' ', 'T').replace(/([+-]\d\d)$/, '$1:00'));
}
