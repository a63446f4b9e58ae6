import type { EntityManager } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';
import { WorkingCalendar } from '../calendar/working-calendar';
import { computeFindingsMany, type Finding } from './office-check.findings';

export function officeCheckLoaders(em: EntityManager) {
  return {
    /** Live findings of open checks, keyed `<checkId>@<as-of ISO instant>`: five statements per batch. */
    liveFindingsByCheck: new DataLoader<string, Finding[]>(async (keys) => {
      const byAsOf = new Map<string, string[]>();
      for (const k of keys) {
        const [id, asOf] = k.split('@');
        byAsOf.set(asOf, [...(byAsOf.get(asOf) ?? []), id]);
      }
      const found = new Map<string, Finding[]>();
      for (const [asOf, ids] of byAsOf) {
        const m = await computeFindingsMany(em, WorkingCalendar.default(), [...new Set(ids)], new Date(asOf));
        for (const [id, f] of m) found.set(`${id}@${asOf}`, f);
      }
      return keys.map((k) => found.get(k) ?? []);
    }),
  };
}
