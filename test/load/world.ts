import type { EntityManager } from '@mikro-orm/postgresql';
import { randomUUID } from 'node:crypto';
import { mintToken, type AuthSettings } from '../../src/auth/tokens';
import { query } from '../../src/db/sql';
import type { Role } from '../../src/users/roles';

/**
 * A small region for the load and fault runs (plain scripts, outside vitest): Almaty region's apparatus and its
 * monitoring department, the Enbekshikazakh district akimat, one official per role, tokens for each. Shaped like
 * test/support/world.ts where appealInput() reads it.
 */
export const RUN_AUTH: AuthSettings = {
  secret: 'load-and-fault-runs-secret-0123456789abcdef',
  issuer: 'baqylau',
  audience: 'baqylau-api',
};

export interface RunWorld {
  districts: { enbekshikazakh: { id: string } };
  orgs: { apparatus: string; department: string; enbekshikazakhAkimat: string };
  users: Record<'admin' | 'head' | 'deputy' | 'specialist' | 'executor' | 'analyst' | 'auditor' | 'liaison', { id: string; token: string }>;
}

export async function createRunWorld(em: EntityManager): Promise<RunWorld> {
  const unit = async (kato: string) => String((await query<{ id: number }>(em, 'select id from admin_unit where kato = ?', [kato]))[0]!.id);
  const region = await unit('190000000');
  const enbek = await unit('194000000');
  const orgs = { apparatus: randomUUID(), department: randomUUID(), enbekshikazakhAkimat: randomUUID() };
  const rows: [string, string, string, string, string, string | null][] = [
    [orgs.apparatus, 'Аппарат акима Алматинской области', 'akim_apparatus', 'region', region, null],
    [orgs.department, 'Отдел мониторинга рассмотрения обращений', 'monitoring_department', 'region', region, orgs.apparatus],
    [orgs.enbekshikazakhAkimat, 'Аппарат акима Енбекшиказахского района', 'district_akimat', 'district', enbek, null],
  ];
  for (const [id, name, kind, level, unitId, parent] of rows) {
    await query(
      em,
      `insert into organization (id, region_id, name_ru, name_kk, name_en, kind, level, admin_unit_id, parent_id) values (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [id, region, name, name, name, kind, level, unitId, parent],
    );
  }
  const people: [keyof RunWorld['users'], Role, string][] = [
    ['admin', 'admin', orgs.department],
    ['head', 'head', orgs.department],
    ['deputy', 'deputy_head', orgs.department],
    ['specialist', 'specialist', orgs.department],
    ['executor', 'executor', orgs.enbekshikazakhAkimat],
    ['analyst', 'analyst', orgs.department],
    ['auditor', 'auditor', orgs.department],
    ['liaison', 'liaison', orgs.apparatus],
  ];
  const users = {} as RunWorld['users'];
  for (const [key, role, org] of people) {
    const id = randomUUID();
    await query(em, `insert into app_user (id, full_name, position, organization_id, roles, email, active) values (?, ?, ?, ?, ?, ?, true)`, [
      id,
      `Сотрудник ${key}`,
      key,
      org,
      `{${role}}`,
      `${key}.${id.slice(0, 8)}@run.kz`,
    ]);
    users[key] = { id, token: await mintToken(RUN_AUTH, id, 4 * 3600) };
  }
  return { districts: { enbekshikazakh: { id: enbek } }, orgs, users };
}
