/**
 * Reference data an import finds or creates: the region and its districts, the branch of topics for the source's
 * own classification, the addressee and the executing organizations, and the (inactive) official who stands for
 * "the source system" as author of imported responses. Everything is found first and created only when missing,
 * so a rerun creates nothing new. Caches keep one round trip per new name, not per row.
 */
import { randomUUID } from 'node:crypto';
import type { OrgKind, OrgLevel } from '../organizations/vocabulary';
import type { ImportConnection } from './connection';
import type { ImportMapping, NamedUnit, OrgSpec } from './mapping';

export class ImportSetupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ImportSetupError';
  }
}

export interface RegionRef {
  id: number;
  kato: string;
  nameRu: string;
  /** Registration numbers: <prefix>-<year>-<sequence>, as registration makes them. */
  prefix: string;
}

export async function resolveRegion(db: ImportConnection, mapping: ImportMapping, kato: string | null): Promise<RegionRef> {
  const find = async (code: string) =>
    (await db.q<{ id: number; kato: string; name_ru: string; iso_code: string | null; level: string }>(
      'select id, kato, name_ru, iso_code, level from admin_unit where kato = ?',
      [code],
    ))[0];
  let row;
  if (kato) {
    row = await find(kato);
    if (!row) throw new ImportSetupError(`No region with code ${kato} (--region); the mapping's region is ${mapping.region?.code ?? 'not given'}`);
  } else if (mapping.region) {
    row = await find(mapping.region.code);
    if (!row) {
      await insertUnit(db, mapping.region, 'region', null);
      row = await find(mapping.region.code);
    }
  } else {
    throw new ImportSetupError('Name the region: --region <KATO> or "region" in the mapping');
  }
  if (row!.level !== 'region') throw new ImportSetupError(`${row!.kato} (${row!.name_ru}) is a ${row!.level}, not a region`);
  return {
    id: row!.id,
    kato: row!.kato,
    nameRu: row!.name_ru,
    prefix: (row!.iso_code ?? `KZ-${row!.kato.slice(0, 2)}`).replace(/^KZ-/, ''),
  };
}

async function insertUnit(db: ImportConnection, u: NamedUnit, level: 'region' | 'district', parentId: number | null) {
  await db.q(
    `insert into admin_unit (kato, level, parent_id, iso_code, name_kk, name_ru, name_en) values (?, ?, ?, ?, ?, ?, ?)
     on conflict (kato) do nothing`,
    [u.code, level, parentId, u.isoCode ?? null, u.nameKk ?? u.nameRu, u.nameRu, u.nameEn ?? u.nameRu],
  );
}

const norm = (s: string) => s.trim().toLowerCase().replace(/ё/g, 'е').replace(/\s+/g, ' ');

/**
 * Source value → district id: the mapping's listed units (created under the region when missing), then, with
 * matchByName, the region's districts by KATO or by name in any of the three languages.
 */
export async function resolveDistricts(db: ImportConnection, mapping: ImportMapping, region: RegionRef): Promise<(v: string) => number | null> {
  const listed = new Map<string, number>();
  for (const [value, u] of Object.entries(mapping.adminUnit.units ?? {})) {
    await insertUnit(db, u, 'district', region.id);
    const [row] = await db.q<{ id: number; parent_id: number | null }>('select id, parent_id from admin_unit where kato = ?', [u.code]);
    if (row.parent_id !== region.id)
      throw new ImportSetupError(`District ${u.code} (${u.nameRu}) of the mapping belongs to another region, not to ${region.kato}`);
    listed.set(norm(value), row.id);
  }
  const byName = new Map<string, number>();
  if (mapping.adminUnit.matchByName) {
    const rows = await db.q<{ id: number; kato: string; name_ru: string; name_kk: string; name_en: string }>(
      'select id, kato, name_ru, name_kk, name_en from admin_unit where parent_id = ?',
      [region.id],
    );
    for (const r of rows) for (const n of [r.kato, r.name_ru, r.name_kk, r.name_en]) if (n) byName.set(norm(n), r.id);
  }
  return (v: string) => listed.get(norm(v)) ?? byName.get(norm(v)) ?? null;
}

/** Organizations of the region by Russian name; missing ones are created with the kind the mapping gives. */
export class OrganizationCache {
  private byName = new Map<string, string>();
  constructor(
    private readonly db: ImportConnection,
    private readonly regionId: number,
  ) {}

  async load(): Promise<void> {
    const rows = await this.db.q<{ id: string; name_ru: string }>(
      'select id, name_ru from organization where region_id = ? order by name_ru, id',
      [this.regionId],
    );
    for (const r of rows) if (!this.byName.has(r.name_ru)) this.byName.set(r.name_ru, r.id);
  }

  get(name: string): string | undefined {
    return this.byName.get(name);
  }

  get size(): number {
    return this.byName.size;
  }

  async ensure(spec: OrgSpec): Promise<{ id: string; created: boolean }> {
    const found = this.byName.get(spec.nameRu);
    if (found) return { id: found, created: false };
    const id = randomUUID();
    await this.db.q(
      `insert into organization (id, region_id, name_ru, name_kk, name_en, kind, level, admin_unit_id, parent_id)
       values (?, ?, ?, ?, ?, ?, ?, ?, null)`,
      [id, this.regionId, spec.nameRu, spec.nameKk ?? spec.nameRu, spec.nameEn ?? spec.nameRu, spec.kind, spec.level, this.regionId],
    );
    this.byName.set(spec.nameRu, id);
    return { id, created: true };
  }
}

export function executorSpec(mapping: ImportMapping, name: string): OrgSpec {
  const e = mapping.executor!;
  let kind: OrgKind = e.kind;
  let level: OrgLevel = e.level;
  for (const r of e.rules ?? []) {
    if (new RegExp(r.pattern, 'u').test(name)) {
      kind = r.kind;
      level = r.level;
      break;
    }
  }
  return { nameRu: name, kind, level };
}

/** Topic codes → ids, with the import's branch created on demand. */
export class TopicCache {
  private byCode = new Map<string, number>();
  constructor(private readonly db: ImportConnection) {}

  async load(): Promise<void> {
    for (const r of await this.db.q<{ id: number; code: string }>('select id, code from topic')) this.byCode.set(r.code, r.id);
  }

  id(code: string): number | undefined {
    return this.byCode.get(code);
  }

  /** Creates the missing topics of `wanted` (code → name) under the mapping's branch; returns how many were new. */
  async ensure(mapping: ImportMapping, wanted: Map<string, string>): Promise<number> {
    const missing = [...wanted].filter(([code]) => !this.byCode.has(code));
    if (!missing.length || !mapping.topic) return 0;
    const b = mapping.topic.branch;
    if (!this.byCode.has(b.code)) {
      const [row] = await this.db.q<{ id: number }>(
        `insert into topic (code, parent_id, name_kk, name_ru, name_en) values (?, null, ?, ?, ?)
         on conflict (code) do update set code = excluded.code returning id`,
        [b.code, b.nameKk ?? b.nameRu, b.nameRu, b.nameEn ?? b.nameRu],
      );
      this.byCode.set(b.code, row.id);
    }
    const parentId = this.byCode.get(b.code)!;
    for (const [code, name] of missing) {
      const label = name.slice(0, 500);
      const [row] = await this.db.q<{ id: number }>(
        `insert into topic (code, parent_id, name_kk, name_ru, name_en) values (?, ?, ?, ?, ?)
         on conflict (code) do update set code = excluded.code returning id`,
        [code, parentId, label, label, label],
      );
      this.byCode.set(code, row.id);
    }
    return missing.length;
  }
}

/** The official recorded as author of imported responses: one per source system, inactive (cannot sign in). */
export async function ensureImportAuthor(db: ImportConnection, sourceSystem: string, organizationId: string): Promise<string> {
  const email = `import.${sourceSystem}@baqylau.invalid`;
  const [found] = await db.q<{ id: string }>('select id from app_user where email = ?', [email]);
  if (found) return found.id;
  const id = randomUUID();
  await db.q(
    `insert into app_user (id, full_name, position, organization_id, roles, email, active) values (?, ?, ?, ?, '{}', ?, false)`,
    [id, `Импорт из ${sourceSystem}`, 'Автор ответов, перенесённых из другой системы', organizationId, email],
  );
  return id;
}
