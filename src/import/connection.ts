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

export async function acquireImportConnection(orm: MikroORM): Promise<ImportConnection> {
  const knex = (orm.em.getConnection() as any).getKnex();
  const client = (await knex.client.acquireConnection()) as PgClient;
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
      await knex.client.releaseConnection(client);
    },
  };
}
