/**
 * --defer-indexes, for a first large load: the secondary indexes of the tables the import fills are dropped before
 * the rows go in and built again afterwards, which costs a fraction of maintaining them row by row (the trigram
 * text index above all: a few hundred entries per appeal). Kept: every index behind a constraint (primary and unique
 * keys, including the source id the import deduplicates on) and every index led by `appeal_id`, which the analytics
 * triggers and foreign-key checks look rows up by during the load.
 *
 * Dropping takes an exclusive lock on each table for a moment, and until the rebuild the API's searches and sorts
 * scan: run it in a maintenance window. The definitions are saved in the import run first, so an import that dies
 * midway has its indexes restored by the next import (or by hand: they are in import_run.summary).
 */
import type { ImportConnection } from './connection';

export const DEFERRABLE_TABLES = ['appeal', 'assignment', 'response', 'history_event'];

export interface IndexDef {
  name: string;
  table: string;
  definition: string;
}

export async function deferrableIndexes(db: ImportConnection): Promise<IndexDef[]> {
  const rows = await db.q<{ name: string; table: string; definition: string; first_column: string | null }>(
    `select i.indexname as name, i.tablename as table, i.indexdef as definition,
            (select a.attname from pg_index x join pg_attribute a on a.attrelid = x.indrelid and a.attnum = x.indkey[0]
              where x.indexrelid = (quote_ident(i.schemaname) || '.' || quote_ident(i.indexname))::regclass) as first_column
       from pg_indexes i
      where i.schemaname = current_schema() and i.tablename = any(?::text[])
        and not exists (select 1 from pg_constraint k where k.conname = i.indexname)
      order by i.tablename, i.indexname`,
    [DEFERRABLE_TABLES],
  );
  return rows.filter((r) => r.first_column !== 'appeal_id').map(({ name, table, definition }) => ({ name, table, definition }));
}

/** The statement that builds the index again, harmless when it exists. */
export function recreateStatement(def: IndexDef): string {
  return def.definition.replace(/^CREATE (UNIQUE )?INDEX /i, (_m, u: string | undefined) => `CREATE ${u ?? ''}INDEX IF NOT EXISTS `);
}

export async function dropDeferred(db: ImportConnection, runId: string, defs: IndexDef[]): Promise<void> {
  await db.q(`update import_run set summary = coalesce(summary, '{}'::jsonb) || jsonb_build_object('deferredIndexes', ?::jsonb) where id = ?`, [
    JSON.stringify(defs),
    runId,
  ]);
  for (const d of defs) await db.q(`drop index if exists ${d.name}`);
}

/** Builds the indexes again, spread over the given connections (one index at a time on each). */
export async function rebuildDeferred(conns: ImportConnection[], defs: IndexDef[]): Promise<void> {
  const queue = [...defs].sort((a, b) => Number(/gin/i.test(b.definition)) - Number(/gin/i.test(a.definition)));
  await Promise.all(
    conns.map(async (c) => {
      await c.q("set maintenance_work_mem = '256MB'").catch(() => undefined);
      for (let d = queue.shift(); d; d = queue.shift()) await c.q(recreateStatement(d));
      await c.q('reset maintenance_work_mem').catch(() => undefined);
    }),
  );
}

/** Indexes an earlier import deferred and did not get to rebuild (it failed or was killed). */
export async function leftoverDeferred(db: ImportConnection): Promise<IndexDef[]> {
  const rows = await db.q<{ defs: IndexDef[] }>(
    `select summary->'deferredIndexes' as defs from import_run
      where status <> 'finished' and summary->'deferredIndexes' is not null and not coalesce((summary->>'indexesRebuilt')::boolean, false)`,
  );
  const existing = new Set((await db.q<{ indexname: string }>('select indexname from pg_indexes where schemaname = current_schema()')).map((r) => r.indexname));
  const out = new Map<string, IndexDef>();
  for (const r of rows) for (const d of r.defs ?? []) if (!existing.has(d.name)) out.set(d.name, d);
  return [...out.values()];
}
