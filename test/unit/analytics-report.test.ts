import { parse as parseCsv } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { monthLabel, weekLabel } from '../../src/analytics/domain/labels';
import { boundaries } from '../../src/analytics/geo';
import type { ProblemMapCellData, ProblemMapData } from '../../src/analytics/problem-map.queries';
import { renderCsv } from '../../src/analytics/report/render';
import { choroplethSvg, classBreaks, colourFor, PALETTE, ZERO_COLOUR } from '../../src/analytics/report/svg';
import type { PeriodSummaryData } from '../../src/analytics/summary.queries';

const cell = (kato: string, name: string, appeals: number, unusual = false): ProblemMapCellData => ({
  unitId: kato,
  kato,
  name,
  nameRu: name,
  nameKk: name,
  nameEn: name,
  level: 'district',
  parentId: null,
  population: null,
  appeals,
  uniqueApplicants: appeals,
  ratePer10k: null,
  previousAppeals: 0,
  change: appeals,
  changePercent: null,
  history: [],
  expected: null,
  unusualness: null,
  pValue: null,
  unusual,
  topTopics: [],
  overdue: 0,
  overdueShare: null,
  repeated: 0,
  repeatedShare: null,
});

describe('choropleth classes', () => {
  it('uses the distinct values when there are few, quantiles otherwise; zero is grey', () => {
    expect(classBreaks([0, 3, 3, 7])).toEqual([3, 7]);
    expect(classBreaks([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])).toEqual([2, 4, 6, 8, 10]);
    expect(classBreaks([0, 0])).toEqual([]);
    expect(colourFor(0, [3, 7])).toBe(ZERO_COLOUR);
    expect(colourFor(3, [3, 7])).toBe(PALETTE[0]);
    expect(colourFor(7, [3, 7])).toBe(PALETTE[4]);
  });
});

describe('the district map as SVG', () => {
  it('draws one path per district with a boundary, inside the picture, and outlines the unusual one', () => {
    const shapes = boundaries('district');
    const cells = [cell('194000000', 'Енбекшиказахский', 68, true), cell('194200000', 'Жамбылский', 9), cell('999999999', 'Nowhere', 4)];
    const svg = choroplethSvg(cells, shapes, { width: 800, height: 500, title: 'Map', legendTitle: 'Appeals', unusualLabel: 'Unusual', noAppealsLabel: 'None' });
    expect(svg.match(/<path /g)).toHaveLength(2);
    expect(svg).not.toContain('NaN');
    const coords = [...svg.matchAll(/<path d="([^"]+)"/g)].flatMap((m) => m[1].match(/-?\d+\.\d/g)!.map(Number));
    expect(Math.min(...coords)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...coords)).toBeLessThanOrEqual(800);
    expect(svg).toMatch(/stroke="#1f2a7a" stroke-width="3" data-kato="194000000"/);
  });

  it('fills the extent: the districts are drawn right side out (RFC 7946 rings are rewound for d3)', () => {
    const svg = choroplethSvg([cell('194000000', 'Е', 1)], boundaries('district'), {
      width: 600,
      height: 400,
      title: 'x',
      legendTitle: 'x',
      unusualLabel: 'x',
      noAppealsLabel: 'x',
    });
    const xs = [...svg.matchAll(/<path d="([^"]+)"/g)].flatMap((m) => m[1].match(/-?\d+\.\d/g)!.map(Number).filter((_, i) => i % 2 === 0));
    // a shape turned inside out would be the whole globe clipped to the frame: its width would be the whole map
    expect(Math.max(...xs) - Math.min(...xs)).toBeLessThan(600);
    expect(Math.max(...xs) - Math.min(...xs)).toBeGreaterThan(100);
  });
});

describe('labels', () => {
  it('names ISO weeks and months', () => {
    expect(weekLabel('2026-02-23')).toBe('2026-W09 (23.02–01.03)');
    expect(weekLabel('2025-12-29')).toBe('2026-W01 (29.12–04.01)');
    expect(monthLabel('2026-03', 'ru')).toBe('март 2026');
    expect(monthLabel('2026-03', 'kk')).toBe('наурыз 2026');
  });
});

describe('CSV report', () => {
  it('quotes what needs quoting and parses back into one figure per line', () => {
    const map: ProblemMapData = {
      from: '2026-01-01',
      to: '2026-06-30',
      level: 'district',
      previousFrom: '2025-07-04',
      previousTo: '2025-12-31',
      baselinePeriods: 0,
      historyStart: null,
      totalAppeals: 3,
      appealsWithoutDistrict: 0,
      unusualThreshold: 0.05,
      cells: [cell('194000000', 'Район "Новый", южный', 3)],
    };
    const summary = {
      from: '2026-01-01',
      to: '2026-06-30',
      previousFrom: '2025-07-04',
      previousTo: '2025-12-31',
      scope: 'Алматинская',
      totals: { appeals: 3 },
      byForm: [{ key: 'application', label: 'Заявление', appeals: 3, share: 1 }],
      byChannel: [],
      byTopic: [{ key: '1', label: 'Вода, канализация\nи "прочее"', appeals: 3, share: 1 }],
      bySubtopic: [],
      byRegion: { ...map, level: 'region', cells: [] },
      byDistrict: map,
      monthly: [],
      topProblemCards: [],
      problemCardsAvailable: false,
      instructions: { issued: 0, executed: 0, executedOnTime: 0, executedLate: 0, onControl: 0, overdue: 0, removed: 0 },
    } as unknown as PeriodSummaryData;
    const csv = renderCsv(summary);
    expect(csv.startsWith('\uFEFFsection,key,label,measure,value\r\n')).toBe(true);
    const rows = parseCsv(csv, { bom: true, columns: true }) as Record<string, string>[];
    expect(rows.find((r) => r.section === 'topic' && r.measure === 'appeals')!.label).toBe('Вода, канализация\nи "прочее"');
    expect(rows.find((r) => r.section === 'district' && r.measure === 'appeals')).toEqual({
      section: 'district',
      key: '194000000',
      label: 'Район "Новый", южный',
      measure: 'appeals',
      value: '3',
    });
  });
});
