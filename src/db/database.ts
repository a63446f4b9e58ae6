import type { MikroORM } from '@mikro-orm/postgresql';
import { describeDatabaseUrl } from '../config';
import { startEmbeddedPostgres, type EmbeddedPostgres } from './embedded';
import { createOrm } from './orm';

export type DatabaseKind = 'postgresql' | 'pglite';

export interface Database {
  orm: MikroORM;
  kind: DatabaseKind;
  /** For people: where the data is (no password). */
  description: string;
  close(): Promise<void>;
}

export interface OpenDatabaseOptions {
  databaseUrl: string | null;
  /** For the embedded database: the folder (null = in memory). */
  dataDir: string | null;
  poolMax: number;
  onQuery?: (sql: string) => void;
  migrate?: boolean;
}

export async function openDatabase(opts: OpenDatabaseOptions): Promise<Database> {
  let embedded: EmbeddedPostgres | null = null;
  let url = opts.databaseUrl;
  if (!url) {
    embedded = await startEmbeddedPostgres(opts.dataDir);
    url = embedded.url;
  }
  const orm = await createOrm({ clientUrl: url, poolMax: embedded ? 1 : opts.poolMax, onQuery: opts.onQuery });
  if (opts.migrate !== false) await orm.getMigrator().up();
  return {
    orm,
    kind: embedded ? 'pglite' : 'postgresql',
    description: embedded
      ? `embedded PostgreSQL (PGlite) ${embedded.dataDir ? `in ${embedded.dataDir}` : 'in memory'}`
      : `PostgreSQL at ${describeDatabaseUrl(url)}`,
    async close() {
      await orm.close(true);
      if (embedded) await embedded.stop();
    },
  };
}
