import { Migration } from '@mikro-orm/migrations';
import { REBUILD_DAILY_SQL } from '../../analytics/rollup';

/**
 * The second level of the analytics rollup: `appeal_daily_count`, appeals per day of receipt, region and district,
 * kept current from `appeal_fact` by statement-level triggers (the net change of each statement, one upsert per
 * touched day and unit). Filled from the existing fact rows.
 */
export class Migration20261127150100_analytics_daily extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "appeal_daily_count" ("day" date not null, "region_id" int not null, "district_id" int not null, "appeals" int not null, constraint "appeal_daily_count_pkey" primary key ("day", "region_id", "district_id"))`);
    this.addSql(`create function appeal_daily_count_apply() returns trigger language plpgsql as $$
begin
  if tg_op = 'INSERT' then
    insert into appeal_daily_count as c (day, region_id, district_id, appeals)
    select received_date, region_id, coalesce(district_id, 0), count(*)::int from new_rows group by 1, 2, 3
    on conflict (day, region_id, district_id) do update set appeals = c.appeals + excluded.appeals;
  elsif tg_op = 'DELETE' then
    insert into appeal_daily_count as c (day, region_id, district_id, appeals)
    select received_date, region_id, coalesce(district_id, 0), -count(*)::int from old_rows group by 1, 2, 3
    on conflict (day, region_id, district_id) do update set appeals = c.appeals + excluded.appeals;
  else
    -- an update moves an appeal only when its day, region or district changed: apply the net difference
    insert into appeal_daily_count as c (day, region_id, district_id, appeals)
    select day, region_id, district_id, sum(delta)::int
      from (select received_date as day, region_id, coalesce(district_id, 0) as district_id, 1 as delta from new_rows
            union all
            select received_date, region_id, coalesce(district_id, 0), -1 from old_rows) x
     group by 1, 2, 3
    having sum(delta) <> 0
    on conflict (day, region_id, district_id) do update set appeals = c.appeals + excluded.appeals;
  end if;
  return null;
end $$`);
    this.addSql(`create trigger appeal_daily_count_insert after insert on appeal_fact referencing new table as new_rows for each statement execute function appeal_daily_count_apply()`);
    this.addSql(`create trigger appeal_daily_count_update after update on appeal_fact referencing old table as old_rows new table as new_rows for each statement execute function appeal_daily_count_apply()`);
    this.addSql(`create trigger appeal_daily_count_delete after delete on appeal_fact referencing old table as old_rows for each statement execute function appeal_daily_count_apply()`);
    this.addSql(`set local statement_timeout = 0`);
    for (const sql of REBUILD_DAILY_SQL) this.addSql(sql);
  }

  override async down(): Promise<void> {
    for (const op of ['insert', 'update', 'delete']) this.addSql(`drop trigger if exists appeal_daily_count_${op} on appeal_fact`);
    this.addSql('drop function if exists appeal_daily_count_apply()');
    this.addSql('drop table if exists appeal_daily_count');
  }
}
