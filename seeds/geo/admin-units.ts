// Kazakhstan's administrative units (KATO), 2024: 20 top-level units (17 regions + Astana, Almaty, Shymkent)
// and 224 districts / cities of regional significance. Source and licence: seeds/geo/README.md (CC BY 4.0).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface AdminUnitSeed {
  /** 9-digit KATO code. */
  kato: string;
  level: 'region' | 'district';
  /** KATO of the region a district belongs to; null for a region. */
  parentKato: string | null;
  /** ISO 3166-2 code (e.g. KZ-ALM) for regions; null for districts. */
  isoCode: string | null;
  nameKk: string;
  nameRu: string;
  nameEn: string;
}

export const ADMIN_UNITS_CSV = join(__dirname, 'kz_kato_adm1_adm2_2024.csv');

const EXPECTED_HEADER = [
  'level', 'KATO', 'ADM1_PCODE', 'ISO_3166_2', 'ADM1_EN', 'ADM1_KK', 'ADM1_RU',
  'ADM2_PCODE', 'ADM2_EN', 'ADM2_KK', 'ADM2_RU', 'Year',
];

let cache: AdminUnitSeed[] | undefined;

/**
 * Parses the KATO csv (plain comma-separated, no quoted fields, CRLF line ends). Regions come first, then districts,
 * each in file order. A district's region is resolved through ADM1_PCODE (KZ19 → the adm1 row with ADM1_PCODE KZ19).
 * Returns fresh copies, so callers may mutate the result.
 */
export function loadAdminUnits(): AdminUnitSeed[] {
  if (!cache) cache = parse(readFileSync(ADMIN_UNITS_CSV, 'utf8'));
  return cache.map((u) => ({ ...u }));
}

function parse(text: string): AdminUnitSeed[] {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/).filter((l) => l.trim() !== '');
  const header = lines[0].split(',');
  if (header.join(',') !== EXPECTED_HEADER.join(',')) {
    throw new Error(`Unexpected header in ${ADMIN_UNITS_CSV}: ${lines[0]}`);
  }
  const rows = lines.slice(1).map((line, i) => {
    if (line.includes('"')) throw new Error(`Quoted field at line ${i + 2} of ${ADMIN_UNITS_CSV}: not supported`);
    const cells = line.split(',').map((c) => c.trim());
    if (cells.length !== EXPECTED_HEADER.length) {
      throw new Error(`Line ${i + 2} of ${ADMIN_UNITS_CSV} has ${cells.length} fields, expected ${EXPECTED_HEADER.length}`);
    }
    const [level, kato, adm1Pcode, iso, adm1En, adm1Kk, adm1Ru, , adm2En, adm2Kk, adm2Ru] = cells;
    if (!/^\d{9}$/.test(kato)) throw new Error(`Bad KATO "${kato}" at line ${i + 2}`);
    return { level, kato, adm1Pcode, iso, adm1En, adm1Kk, adm1Ru, adm2En, adm2Kk, adm2Ru };
  });

  const regionByPcode = new Map<string, AdminUnitSeed>();
  const regions: AdminUnitSeed[] = [];
  for (const r of rows.filter((r) => r.level === 'adm1')) {
    const unit: AdminUnitSeed = {
      kato: r.kato,
      level: 'region',
      parentKato: null,
      isoCode: r.iso || null,
      nameKk: r.adm1Kk,
      nameRu: r.adm1Ru,
      nameEn: r.adm1En,
    };
    regionByPcode.set(r.adm1Pcode, unit);
    regions.push(unit);
  }
  const districts: AdminUnitSeed[] = [];
  for (const r of rows.filter((r) => r.level === 'adm2')) {
    const region = regionByPcode.get(r.adm1Pcode);
    if (!region) throw new Error(`District ${r.kato} refers to unknown region ${r.adm1Pcode}`);
    districts.push({
      kato: r.kato,
      level: 'district',
      parentKato: region.kato,
      isoCode: null,
      nameKk: r.adm2Kk,
      nameRu: r.adm2Ru,
      nameEn: r.adm2En,
    });
  }
  const unknown = rows.filter((r) => r.level !== 'adm1' && r.level !== 'adm2');
  if (unknown.length) throw new Error(`Unknown level "${unknown[0].level}" in ${ADMIN_UNITS_CSV}`);
  return [...regions, ...districts];
}

/** Absolute path of the simplified (0.01°) boundary GeoJSON; features carry `KATO` and the names in properties. */
export function boundaryFile(level: 'region' | 'district'): string {
  return join(__dirname, level === 'region' ? 'kz_adm1_2024_simplified_0.01deg.geojson' : 'kz_adm2_2024_simplified_0.01deg.geojson');
}
