import { Migration } from '@mikro-orm/migrations';

/**
 * Bulk writers may refresh the analytics facts once for everything they wrote, instead of once per statement.
 *
 * The statement-level triggers refresh the facts of the appeals a statement touched; an import batch writes the
 * appeals, then their assignments, applicants and responses, and each of those statements refreshed the same
 * appeals again. A transaction that sets `baqylau.rollups_deferred` to `on` (locally, `set_config(…, true)`) skips
 * the triggers and must call `appeal_fact_refresh(ids)` itself before it commits (the import does; see
 * src/import/batch-writer.ts). Nothing else sets it; `npm run analytics:rebuild -- --check` finds facts left stale.
 */
export class Migration20261127155000_import_rollup_deferral extends Migration {
  override async up(): Promise<void> {
    for (const sql of triggerFunctions(true)) this.addSql(sql);
  }

  override async down(): Promise<void> {
    for (const sql of triggerFunctions(false)) this.addSql(sql);
  }
}

/** The two rollup trigger functions of migration 150000, with or without the deferral check in front. */
function triggerFunctions(deferrable: boolean): string[] {
  const skip = deferrable ? `\n  if current_setting('baqylau.rollups_deferred', true) = 'on' then return null; end if;` : '';
  return [
    `create or replace function appeal_fact_on_appeal() returns trigger language plpgsql as $$
begin${skip}
  if tg_op = 'DELETE' then
    perform appeal_fact_refresh(array(select id from old_rows));
  else
    perform appeal_fact_refresh(array(select id from new_rows));
  end if;
  return null;
end $$`,
    `create or replace function appeal_fact_on_child() returns trigger language plpgsql as $$
begin${skip}
  if tg_op = 'DELETE' then
    perform appeal_fact_refresh(array(select distinct appeal_id from old_rows));
  elsif tg_op = 'UPDATE' then
    perform appeal_fact_refresh(array(select appeal_id from new_rows union select appeal_id from old_rows));
  else
    perform appeal_fact_refresh(array(select distinct appeal_id from new_rows));
  end if;
  return null;
end $$`,
  ];
}
