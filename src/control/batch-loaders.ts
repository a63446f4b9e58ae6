import type { EntityManager } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';
import { pgArray, query } from '../db/sql';

/**
 * DataLoader helpers for the department's registers (receptions, control, office checks, working groups,
 * consultations): one statement per relation per level. `$IDS` in the SQL is replaced by a uuid[] parameter.
 */
export function groupedLoader<V>(em: EntityManager, sql: string, key: string, map: (r: any) => V) {
  return new DataLoader<string, V[]>(async (ids) => {
    const rows = await query<any>(em, sql.replace('$IDS', '?::uuid[]'), [pgArray(ids as readonly string[])]);
    const groups = new Map<string, V[]>();
    for (const r of rows) {
      const k = String(r[key]);
      let g = groups.get(k);
      if (!g) groups.set(k, (g = []));
      g.push(map(r));
    }
    return ids.map((id) => groups.get(id) ?? []);
  });
}
