import type { EntityManager } from '@mikro-orm/postgresql';
import { randomUUID } from 'node:crypto';
import { mintToken } from '../../src/auth/tokens';
import { query } from '../../src/db/sql';
import type { Role } from '../../src/users/roles';
import { TEST_AUTH, type TestApp } from './app';

/**
 * A small, fixed region for scenarios: Almaty region with two districts, the akim's apparatus and its monitoring
 * department, two district akimats, a rural akimat under the first, a regional department and the police;
 * one official per role. Tokens are signed for each.
 */
export interface TestWorld {
  region: { id: string; kato: string };
  districts: { enbekshikazakh: { id: string }; zhambyl: { id: string } };
  orgs: Record<'apparatus' | 'department' | 'enbekshikazakhAkimat' | 'zhambylAkimat' | 'ruralAkimat' | 'energyDept' | 'police', string>;
  users: Record<WorldUser, { id: string; token: string; orgId: string }>;
  topics: { water: string; waterInterruption: string; roads: string; heating: string };
}

export type WorldUser =
  | 'admin'
  | 'head'
  | 'deputy'
  | 'specialist'
  | 'executorEnbek'
  | 'executorZhambyl'
  | 'executorRural'
  | 'analyst'
  | 'liaison'
  | 'auditor';

export async function createWorld(app: TestApp): Promise<TestWorld> {
  const em = app.database.db.orm.em.fork() as EntityManager;
  const unit = async (kato: string) =>
    String((await query<{ id: number }>(em, 'select id from admin_unit where kato = ?', [kato]))[0].id);
  const regionId = await unit('190000000');
  const enbek = await unit('194000000');
  const zhambyl = await unit('194200000');
  const orgs = {
    apparatus: randomUUID(),
    department: randomUUID(),
    enbekshikazakhAkimat: randomUUID(),
    zhambylAkimat: randomUUID(),
    ruralAkimat: randomUUID(),
    energyDept: randomUUID(),
    police: randomUUID(),
  };
  const orgRows: [string, string, string, string, string, string | null][] = [
    [orgs.apparatus, 'Аппарат акима Алматинской области', 'akim_apparatus', 'region', regionId, null],
    [orgs.department, 'Отдел мониторинга рассмотрения обращений', 'monitoring_department', 'region', regionId, orgs.apparatus],
    [orgs.enbekshikazakhAkimat, 'Аппарат акима Енбекшиказахского района', 'district_akimat', 'district', enbek, null],
    [orgs.zhambylAkimat, 'Аппарат акима Жамбылского района', 'district_akimat', 'district', zhambyl, null],
    [orgs.ruralAkimat, 'Аппарат акима Шелекского сельского округа', 'rural_akimat', 'rural', enbek, orgs.enbekshikazakhAkimat],
    [orgs.energyDept, 'Управление энергетики и ЖКХ', 'regional_department', 'region', regionId, null],
    [orgs.police, 'Департамент полиции Алматинской области', 'state_body', 'region', regionId, null],
  ];
  for (const [id, name, kind, level, unitId, parent] of orgRows) {
    await query(
      em,
      `insert into organization (id, region_id, name_ru, name_kk, name_en, kind, level, admin_unit_id, parent_id)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [id, regionId, name, name, name, kind, level, unitId, parent],
    );
  }
  const people: [WorldUser, string, Role[], string][] = [
    ['admin', 'Системный администратор', ['admin'], orgs.department],
    ['head', 'Сапарова Айгерим Нурлановна', ['head'], orgs.department],
    ['deputy', 'Ахметов Ерлан Болатович', ['deputy_head'], orgs.department],
    ['specialist', 'Ким Ольга Викторовна', ['specialist'], orgs.department],
    ['executorEnbek', 'Жумабеков Данияр', ['executor'], orgs.enbekshikazakhAkimat],
    ['executorZhambyl', 'Омарова Гульнар', ['executor'], orgs.zhambylAkimat],
    ['executorRural', 'Нургалиев Асхат', ['executor'], orgs.ruralAkimat],
    ['analyst', 'Исаева Дана', ['analyst'], orgs.department],
    ['liaison', 'Представитель Администрации Президента', ['liaison'], orgs.apparatus],
    ['auditor', 'Бекова Сауле', ['auditor'], orgs.department],
  ];
  const users = {} as TestWorld['users'];
  for (const [key, name, roles, orgId] of people) {
    const id = randomUUID();
    await query(
      em,
      `insert into app_user (id, full_name, position, organization_id, roles, email, active) values (?, ?, ?, ?, ?, ?, true)`,
      [id, name, key, orgId, `{${roles.join(',')}}`, `${key}.${id.slice(0, 8)}@test.kz`],
    );
    users[key] = { id, orgId, token: await mintToken(TEST_AUTH, id) };
  }
  const topic = async (code: string) => String((await query<{ id: number }>(em, 'select id from topic where code = ?', [code]))[0].id);
  return {
    region: { id: regionId, kato: '190000000' },
    districts: { enbekshikazakh: { id: enbek }, zhambyl: { id: zhambyl } },
    orgs,
    users,
    topics: {
      water: await topic('WATER'),
      waterInterruption: (await query<{ code: string }>(em, "select code from topic where code like 'WATER.%' order by code limit 1"))[0]
        ? await topic((await query<{ code: string }>(em, "select code from topic where code like 'WATER.%' order by code limit 1"))[0].code)
        : await topic('WATER'),
      roads: await topic('ROADS'),
      heating: await topic('HEATING'),
    },
  };
}

/** Counts rows of every appeal-scale table: "nothing was written" is this snapshot unchanged. */
export async function tableCounts(app: TestApp): Promise<Record<string, number>> {
  const em = app.database.db.orm.em.fork() as EntityManager;
  const tables = [
    'appeal',
    'applicant',
    'appeal_applicant',
    'assignment',
    'response',
    'response_review',
    'deadline_extension',
    'history_event',
    'instruction',
    'instruction_report',
    'instruction_extension',
    'registration_counter',
  ];
  const out: Record<string, number> = {};
  for (const t of tables) out[t] = Number((await query<{ n: string }>(em, `select count(*) as n from ${t}`))[0].n);
  const [v] = await query<{ v: string }>(em, 'select coalesce(sum(version), 0) as v from appeal');
  out.appealVersions = Number(v.v);
  const [r] = await query<{ v: string }>(em, 'select coalesce(sum(last_value), 0) as v from registration_counter');
  out.registrationCounter = Number(r.v);
  return out;
}
