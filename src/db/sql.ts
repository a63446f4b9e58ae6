import type { EntityManager } from '@mikro-orm/postgresql';
import { createHash } from 'node:crypto';

/**
 * Plain SQL through the ORM's connection (and its transaction, when the EntityManager is inside one).
 * Placeholders are `?`. Arrays are passed as PostgreSQL array literals (see `pgArray`) and compared with
 * `= any(?::uuid[])`, because the query builder would expand a JS array into a list.
 */
export async function query<T = Record<string, unknown>>(em: EntityManager, sql: string, params: unknown[] = []): Promise<T[]> {
  return em.getConnection().execute<T[]>(sql, params as any[], 'all', em.getTransactionContext());
}

/**
 * A read that runs often with different values and the same text (a loader's `= any(?::uuid[])`, the caller's
 * official): sent as a named prepared statement with bind parameters. The ORM's `execute` inlines every value
 * into the SQL text, so PostgreSQL parses and plans the statement afresh each time, its arrays of ids included;
 * prepared, it is parsed once per connection and, once PostgreSQL has seen that a generic plan is as good (key
 * lookups), planned once too. For fixed SQL texts only (the name is a hash of the text; each connection keeps
 * every statement it prepared). Inside a transaction it is `query` (the transaction's connection is the ORM's).
 * The ORM's query log sees the statement as it sees any other.
 */
export async function queryPrepared<T = Record<string, unknown>>(em: EntityManager, sql: string, params: unknown[] = []): Promise<T[]> {
  if (em.getTransactionContext()) return query<T>(em, sql, params);
  const connection = em.getConnection() as any;
  await connection.ensureConnection(); // as the ORM's own execute does (after a reconnect the pool is new)
  const knexClient = connection.getKnex().client;
  const statement = preparedStatement(sql);
  return connection.executeQuery(
    sql,
    async () => {
      const client = await knexClient.acquireConnection();
      try {
        const res = await client.query({ name: statement.name, text: statement.text, values: params });
        return res.rows as T[];
      } finally {
        await knexClient.releaseConnection(client);
      }
    },
    { query: sql, params },
  );
}

const statements = new Map<string, { name: string; text: string }>();

/** `?` placeholders → `$1…$n`, and a name for the text. The SQL must have no `?` of its own (jsonb operators). */
export function preparedStatement(sql: string): { name: string; text: string } {
  let s = statements.get(sql);
  if (!s) {
    let n = 0;
    const text = sql.replace(/\?/g, () => `$${++n}`);
    s = { name: `b_${createHash('sha1').update(text).digest('hex').slice(0, 20)}`, text };
    if (statements.size > 1000) statements.clear();
    statements.set(sql, s);
  }
  return s;
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
  // '2026-01-05 09:00:00+00' (the driver) or ISO 8601 (JSON): made ISO by slicing, no regular expressions (this
  // runs for every timestamp of every row read)
  let s = typeof v === 'string' ? v : String(v);
  if (s.charCodeAt(10) === 32) s = `${s.slice(0, 10)}T${s.slice(11)}`;
  const sign = s.charCodeAt(s.length - 3);
  if ((sign === 43 || sign === 45) && s.charCodeAt(10) === 84) s += ':00';
  return new Date(s);
}
