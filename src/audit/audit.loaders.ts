import type { EntityManager } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';
import { pgArray, query } from '../db/sql';
import { toHistoryEventView, type HistoryEventView } from '../history/history.types';

/** The changes (history records) each request made: one statement for a whole page of audit records. */
export function historyByRequestLoader(em: EntityManager) {
  return new DataLoader<string, HistoryEventView[]>(async (ids) => {
    const rows = await query<any>(
      em,
      'select * from history_event where request_id = any(?::text[]) order by request_id, at, id',
      [pgArray(ids as readonly string[])],
    );
    const groups = new Map<string, HistoryEventView[]>();
    for (const r of rows) {
      let g = groups.get(r.request_id);
      if (!g) groups.set(r.request_id, (g = []));
      g.push(toHistoryEventView(r));
    }
    return ids.map((id) => groups.get(id) ?? []);
  });
}
