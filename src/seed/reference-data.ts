import type { EntityManager } from '@mikro-orm/postgresql';
import { loadAdminUnits } from '../../seeds/geo/admin-units';
import { loadTopics } from '../../seeds/topics';
import { query } from '../db/sql';

/**
 * Loads the KATO units and the topic tree from seeds/ (idempotent: updates names, never duplicates).
 * Runs at every start; a few hundred rows in four statements.
 */
export async function seedReferenceData(em: EntityManager): Promise<{ adminUnits: number; topics: number }> {
  const units = loadAdminUnits();
  const topics = loadTopics();
  await em.transactional(async (tem) => {
    const t = tem as EntityManager;
    const insertUnits = async (rows: typeof units) => {
      if (!rows.length) return;
      const values: unknown[] = [];
      const tuples = rows.map((u) => {
        values.push(u.kato, u.level, u.parentKato, u.isoCode, u.nameKk, u.nameRu, u.nameEn);
        return '(?, ?, (select id from admin_unit p where p.kato = ?), ?, ?, ?, ?)';
      });
      await query(
        t,
        `insert into admin_unit (kato, level, parent_id, iso_code, name_kk, name_ru, name_en)
         values ${tuples.join(', ')}
         on conflict (kato) do update set level = excluded.level, parent_id = excluded.parent_id, iso_code = excluded.iso_code,
           name_kk = excluded.name_kk, name_ru = excluded.name_ru, name_en = excluded.name_en`,
        values,
      );
    };
    await insertUnits(units.filter((u) => u.level === 'region'));
    await insertUnits(units.filter((u) => u.level === 'district'));
    const insertTopics = async (rows: typeof topics) => {
      if (!rows.length) return;
      const values: unknown[] = [];
      const tuples = rows.map((x) => {
        values.push(x.code, x.parentCode, x.nameKk, x.nameRu, x.nameEn);
        return '(?, (select id from topic p where p.code = ?), ?, ?, ?)';
      });
      await query(
        t,
        `insert into topic (code, parent_id, name_kk, name_ru, name_en) values ${tuples.join(', ')}
         on conflict (code) do update set parent_id = excluded.parent_id, name_kk = excluded.name_kk,
           name_ru = excluded.name_ru, name_en = excluded.name_en`,
        values,
      );
    };
    await insertTopics(topics.filter((x) => !x.parentCode));
    await insertTopics(topics.filter((x) => x.parentCode));
  });
  return { adminUnits: units.length, topics: topics.length };
}
