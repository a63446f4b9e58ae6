import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { openDatabase, type Database } from '../../src/db/database';
import { seedReferenceData } from '../../src/seed/reference-data';

export type TestDatabaseTarget = { kind: 'postgresql'; adminUrl: string; template: string } | { kind: 'pglite' };


function withDatabase(url: string, db: string): string {
  const u = new URL(url);
  u.pathname = `/${db}`;
  return u.toString();
}

async function reachable(url: string): Promise<boolean> {
  const c = new Client({ connectionString: url, connectionTimeoutMillis: 1500 });
  try {
    await c.connect();
    await c.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await c.end().catch(() => undefined);
  }
}

export async function chooseTestDatabase(): Promise<TestDatabaseTarget> {
  if (process.env.TEST_DATABASE === 'pglite') return { kind: 'pglite' };
  const candidates = [process.env.DATABASE_URL, 'postgresql://postgres@127.0.0.1:5432/postgres'].filter(Boolean) as string[];
  // A template of this run's own: runs side by side (two developers, CI) never drop each other's.
  const template = `baqylau_test_template_${randomBytes(4).toString('hex')}`;
  for (const url of candidates) if (await reachable(url)) return { kind: 'postgresql', adminUrl: url, template };
  return { kind: 'pglite' };
}

async function admin<T>(adminUrl: string, work: (c: Client) => Promise<T>): Promise<T> {
  const c = new Client({ connectionString: adminUrl });
  await c.connect();
  try {
    return await work(c);
  } finally {
    await c.end();
  }
}

/** A migrated database with the reference data, cloned by every test file. */
export async function prepareTemplate(adminUrl: string, template: string) {
  await admin(adminUrl, async (c) => {
    // Templates left behind by runs that were killed before their teardown.
    const stale = await c.query(
      `select datname from pg_database where datname like 'baqylau_test_%' and datname <> $1
         and not exists (select 1 from pg_stat_activity a where a.datname = pg_database.datname)
         and (pg_stat_file('base/' || oid || '/PG_VERSION')).modification < now() - interval '6 hours'`,
      [template],
    ).catch(() => ({ rows: [] as { datname: string }[] }));
    for (const r of stale.rows) await c.query(`drop database if exists ${r.datname}`).catch(() => undefined);
    await c.query(`create database ${template}`);
  });
  const db = await openDatabase({ databaseUrl: withDatabase(adminUrl, template), dataDir: null, poolMax: 2 });
  await seedReferenceData(db.orm.em.fork() as any);
  await db.close();
}

export interface TestDatabase {
  db: Database;
  /** SQL statements seen since the last reset (for the N+1 tests). */
  statements: string[];
  drop(): Promise<void>;
}

/** A database of the test file's own: a clone of the template on a server, or a fresh in-memory PGlite. */
export async function createTestDatabase(target: TestDatabaseTarget): Promise<TestDatabase> {
  const statements: string[] = [];
  const onQuery = (msg: string) => {
    if (/^\[query\]/.test(msg)) statements.push(msg);
  };
  if (target.kind === 'pglite') {
    const db = await openDatabase({ databaseUrl: null, dataDir: null, poolMax: 1, onQuery });
    await seedReferenceData(db.orm.em.fork() as any);
    return { db, statements, drop: () => db.close() };
  }
  const name = `baqylau_test_${randomBytes(6).toString('hex')}`;
  await admin(target.adminUrl, (c) => c.query(`create database ${name} template ${target.template}`));
  const db = await openDatabase({ databaseUrl: withDatabase(target.adminUrl, name), dataDir: null, poolMax: 5, onQuery, migrate: true });
  return {
    db,
    statements,
    async drop() {
      await db.close();
      await admin(target.adminUrl, (c) => c.query(`drop database if exists ${name} with (force)`));
    },
  };
}

export async function dropDatabase(adminUrl: string, name: string) {
  await admin(adminUrl, (c) => c.query(`drop database if exists ${name} with (force)`)).catch(() => undefined);
}
