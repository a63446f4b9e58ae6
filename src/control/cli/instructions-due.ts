/**
 * Reminders of approaching deadlines: open instructions falling due within N working days.
 *   npm run -s instructions:due -- --days 3 [--overdue]
 * Uses DATABASE_URL, or the embedded database in DATA_DIR (stop `npm start` first: PGlite allows one process).
 */
import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { SYSTEM } from '../../access/actor';
import { toLocalDate, WorkingCalendar } from '../../calendar/working-calendar';
import { loadConfig } from '../../config';
import { openDatabase } from '../../db/database';
import { pgArray, query } from '../../db/sql';
import { instructionsDue } from '../control.queries';
import { systemClock } from '../../shared/clock';

async function main() {
  const { values } = parseArgs({ options: { days: { type: 'string', default: '3' }, overdue: { type: 'boolean', default: false } } });
  const days = Number(values.days);
  if (!Number.isInteger(days) || days < 0 || days > 60) throw new Error('--days must be a whole number of working days, 0–60');
  const config = loadConfig();
  const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, poolMax: 2 });
  try {
    const em = db.orm.em.fork() as any;
    const cal = WorkingCalendar.default();
    const now = systemClock.now();
    const list = await instructionsDue(em, SYSTEM, cal, now, { days, includeOverdue: values.overdue });
    const names = new Map<string, string[]>();
    if (list.length) {
      const rows = await query<{ instruction_id: string; name_ru: string }>(
        em,
        `select a.instruction_id, o.name_ru from instruction_assignee a join organization o on o.id = a.organization_id
          where a.instruction_id = any(?::uuid[]) order by o.name_ru`,
        [pgArray(list.map((i) => i.id))],
      );
      for (const r of rows) names.set(r.instruction_id, [...(names.get(r.instruction_id) ?? []), r.name_ru]);
    }
    const today = toLocalDate(now);
    console.log(`${list.length} instruction(s) due within ${days} working day(s) of ${today}${values.overdue ? ', overdue included' : ''}:`);
    for (const i of list) {
      const left = cal.workingDaysBetween(today, i.dueDate);
      console.log(`${i.dueDate}  ${String(left).padStart(3)} wd  ${i.number.padEnd(18)} ${i.source.padEnd(22)} ${i.status.padEnd(17)} ${(names.get(i.id) ?? []).join('; ')}`);
    }
  } finally {
    await db.close();
  }
}

main().catch((e) => {
  console.error(e?.message ?? e);
  process.exit(1);
});
