/**
 * Which database a benchmark uses: DATABASE_URL when set, otherwise `baqylau_bench` on the PostgreSQL at
 * 127.0.0.1:5432 (created by the generator). Never the embedded PGlite: benchmarks measure a real server.
 */
import { Client } from 'pg';

export const DEFAULT_ADMIN_URL = 'postgresql://postgres@127.0.0.1:5432/postgres';
export const DEFAULT_BENCH_DB = 'baqylau_bench';

export function withDatabase(url: string, db: string): string {
  const u = new URL(url);
  u.pathname = `/${db}`;
  return u.toString();
}

export function describeUrl(url: string): string {
  return url.replace(/:[^:@/]*@/, ':****@');
}

/** The database the load benchmarks read (DATABASE_URL, else the generator's default). */
export function benchDatabaseUrl(): string {
  return process.env.DATABASE_URL?.trim() || withDatabase(DEFAULT_ADMIN_URL, DEFAULT_BENCH_DB);
}

export async function withClient<T>(url: string, work: (c: Client) => Promise<T>): Promise<T> {
  const c = new Client({ connectionString: url });
  await c.connect();
  try {
    return await work(c);
  } finally {
    await c.end().catch(() => undefined);
  }
}

/** Drops and recreates a database on the admin connection's server; returns its URL. */
export async function recreateDatabase(adminUrl: string, name: string): Promise<string> {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) throw new Error(`Not a plain database name: ${name}`);
  await withClient(adminUrl, async (c) => {
    await c.query(`drop database if exists ${name} with (force)`);
    await c.query(`create database ${name}`);
  });
  return withDatabase(adminUrl, name);
}
