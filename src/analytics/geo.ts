/**
 * Boundaries of the admin units (seeds/geo, simplified to 0.01°, CC BY 4.0) and the problem map as GeoJSON.
 * The files are read once per process and indexed by KATO.
 */
import { readFileSync } from 'node:fs';
import { boundaryFile } from '../../seeds/geo/admin-units';
import type { AdminLevel } from '../geo/admin-unit.entity';
import type { ProblemMapData } from './problem-map.queries';

export interface Geometry {
  type: 'Polygon' | 'MultiPolygon';
  coordinates: number[][][] | number[][][][];
}

const cache = new Map<AdminLevel, Map<string, Geometry>>();

/** KATO → boundary of every unit of a level (RFC 7946 orientation, as in the file). */
export function boundaries(level: AdminLevel): Map<string, Geometry> {
  let byKato = cache.get(level);
  if (!byKato) {
    const fc = JSON.parse(readFileSync(boundaryFile(level), 'utf8')) as {
      features: { properties: { KATO: string }; geometry: Geometry | null }[];
    };
    byKato = new Map();
    for (const f of fc.features) if (f.geometry) byKato.set(String(f.properties.KATO), f.geometry);
    cache.set(level, byKato);
  }
  return byKato;
}

export const GEO_ATTRIBUTION =
  'Administrative boundaries of Kazakhstan 2024 — arodionoff/geokz, based on data of the Bureau of National Statistics of the Republic of Kazakhstan, CC BY 4.0; simplified for baqylau';

/**
 * A GeoJSON FeatureCollection (RFC 7946): one Feature per cell with its boundary (null when none is known) and the
 * cell's figures as properties; the map's period and scope as the foreign member `metadata`.
 */
export function problemMapGeoJSON(map: ProblemMapData): Record<string, unknown> {
  const shapes = boundaries(map.level);
  return {
    type: 'FeatureCollection',
    metadata: {
      from: map.from,
      to: map.to,
      level: map.level,
      previousFrom: map.previousFrom,
      previousTo: map.previousTo,
      baselinePeriods: map.baselinePeriods,
      historyStart: map.historyStart,
      totalAppeals: map.totalAppeals,
      appealsWithoutDistrict: map.appealsWithoutDistrict,
      unusualThreshold: map.unusualThreshold,
      attribution: GEO_ATTRIBUTION,
    },
    features: map.cells.map((c) => ({
      type: 'Feature',
      id: c.kato,
      properties: {
        KATO: c.kato,
        unitId: c.unitId,
        name: c.name,
        nameRu: c.nameRu,
        nameKk: c.nameKk,
        nameEn: c.nameEn,
        appeals: c.appeals,
        uniqueApplicants: c.uniqueApplicants,
        ratePer10k: c.ratePer10k,
        previousAppeals: c.previousAppeals,
        change: c.change,
        changePercent: c.changePercent,
        expected: c.expected,
        unusualness: c.unusualness,
        pValue: c.pValue,
        unusual: c.unusual,
        overdue: c.overdue,
        overdueShare: c.overdueShare,
        repeated: c.repeated,
        repeatedShare: c.repeatedShare,
        topTopics: c.topTopics.map((t) => ({ topicId: t.topicId, name: t.name, appeals: t.appeals })),
      },
      geometry: shapes.get(c.kato) ?? null,
    })),
  };
}
