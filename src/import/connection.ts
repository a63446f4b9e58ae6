/**
 * The import talks to the database over one connection of its own, taken from the ORM's pool: COPY needs the raw
 * connection, and a batch (COPY of several tables plus the registration counter) must run in one transaction on it.
 * Statements use `?` placeholders like src/db/sql.ts.
 */
import type { MikroORM } from '@mikro-orm/postgresql';
import type { PgClient } from './copy';

export interface ImportConnection {
  client: PgClient;
  q<T = any>(sql: string, params?: unknown[]): Promise<T[]>;
  tx<T>(work: () => Promise<T>): Promise<T>;
  release(): Promise<void>;
}

/** `?` → `$1, $2…` (our SQL has no question marks inside literals). */
export function numbered(sql: string): string {
  let i = 0;
  return sql.replace(/\?/g, () => `$${++i}`);
}

/**
 * Session settings for a bulk load: commits do not wait for the WAL flush (a crash loses at most the last batches,
 * and the import is idempotent: run it again), and GIN indexes (the trigram text index) collect new entries in a
 * larger pending list, merged in bulk at the end (see cleanGinPendingLists) instead of every 4 MB.
 */
export const BULK_SESSION_SETTINGS = ["set synchronous_commit = off", "set gin_pending_list_limit = '64MB'"];

export async function acquireImportConnection(orm: MikroORM, settings: string[] = []): Promise<ImportConnection> {
  const knex = (orm.em.getConnection() as any).getKnex();
  const client = (await knex.client.acquireConnection()) as PgClient;
  for (const sql of settings) await (client as any).query(sql).catch(() => undefined);
  let released = false;
  const q = async <T>(sql: string, params: unknown[] = []): Promise<T[]> => {
    const r = await (client as any).query(numbered(sql), params);
    return r.rows as T[];
  };
  return {
    client,
    q,
    async tx(work) {
      await q('begin');
      try {
        const out = await work();
        await q('commit');
        return out;
      } catch (e) {
        await q('rollback').catch(() => undefined);
        throw e;
      }
    },
    async release() {
      if (released) return;
      released = true;
      // back to the pool as it was lent
      for (const sql of settings.length ? ['reset synchronous_commit', 'reset gin_pending_list_limit'] : [])
        await (client as any).query(sql).catch(() => undefined);
      await knex.client.releaseConnection(client);
    },
  };
}

/** Merges the pending lists of the GIN indexes on `table` into the indexes (one bulk pass); 0 when not allowed. */
export async function cleanGinPendingLists(db: ImportConnection, table: string): Promise<number> {
  try {
    const rows = await db.q<{ n: string }>(
      `select coalesce(sum(gin_clean_pending_list(i.indexrelid::regclass)), 0) as n
         from pg_index i join pg_class c on c.oid = i.indexrelid join pg_am am on am.oid = c.relam
        where i.indrelid = ?::regclass and am.amname = 'gin'`,
      [table],
    );
    return Number(rows[0]?.n ?? 0);
  } catch {
    return 0;
  }
}
