/**
 * Pictures for the period report, drawn on the server as plain SVG (no scripts, no external resources), so the
 * document opens anywhere and prints to PDF as vectors.
 *
 *  - `choroplethSvg`: the districts coloured by the number of appeals (5 classes), unusual ones outlined in red;
 *    one <path> per district with a boundary (d3-geo, conic equal-area projection fitted to the districts shown);
 *  - `monthlyChartSvg`: appeals per month (bars) with those overdue (line);
 *  - `barListSvg`: a horizontal bar list (topics).
 */
import { geoArea, geoConicEqualArea, geoPath, type GeoGeometryObjects, type GeoPermissibleObjects } from 'd3-geo';
import type { ProblemMapCellData } from '../problem-map.queries';
import type { Geometry } from '../geo';

export const escapeXml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

/** Sequential classes (ColorBrewer YlOrRd, 5 classes) and the colour of "no appeals". */
export const PALETTE = ['#ffffb2', '#fecc5c', '#fd8d3c', '#f03b20', '#bd0026'];
export const ZERO_COLOUR = '#eeeeee';
/** Outline of an unusual unit: dark blue, visible on every fill of the palette. */
export const UNUSUAL_OUTLINE = '#1f2a7a';

/**
 * Class limits for the counts: up to 5 classes of roughly equal membership among the units with appeals, on
 * rounded limits. Returns the upper limits (inclusive) of each class.
 */
export function classBreaks(values: number[]): number[] {
  const positive = values.filter((v) => v > 0).sort((a, b) => a - b);
  if (!positive.length) return [];
  const distinct = [...new Set(positive)];
  if (distinct.length <= PALETTE.length) return distinct;
  const breaks: number[] = [];
  for (let i = 1; i <= PALETTE.length; i++) {
    const v = positive[Math.min(positive.length - 1, Math.ceil((i / PALETTE.length) * positive.length) - 1)];
    if (!breaks.length || v > breaks[breaks.length - 1]) breaks.push(v);
  }
  return breaks;
}

export function colourFor(value: number, breaks: number[]): string {
  if (value <= 0 || !breaks.length) return ZERO_COLOUR;
  const i = breaks.findIndex((b) => value <= b);
  const cls = i < 0 ? breaks.length - 1 : i;
  // spread the classes used over the palette
  const idx = breaks.length === 1 ? PALETTE.length - 1 : Math.round((cls * (PALETTE.length - 1)) / (breaks.length - 1));
  return PALETTE[idx];
}

/** d3 wants the exterior ring clockwise on the sphere; RFC 7946 files have it the other way: reverse when inside out. */
function forD3(g: Geometry): GeoPermissibleObjects {
  const fix = (rings: number[][][]) => {
    const poly = { type: 'Polygon', coordinates: rings } as GeoGeometryObjects;
    return geoArea(poly) > 2 * Math.PI ? rings.map((r) => [...r].reverse()) : rings;
  };
  if (g.type === 'Polygon') return { type: 'Polygon', coordinates: fix(g.coordinates as number[][][]) } as GeoPermissibleObjects;
  return { type: 'MultiPolygon', coordinates: (g.coordinates as number[][][][]).map(fix) } as GeoPermissibleObjects;
}

/** One decimal, no exponent: keeps path data short and free of long digit runs. */
const num = (v: number) => (Math.round(v * 10) / 10).toFixed(1);

function pathData(d: string | null): string {
  return (d ?? '').replace(/-?\d+(?:\.\d+)?(?:e-?\d+)?/g, (m) => num(Number(m)));
}

/** Smallest unit (in square pixels of the picture) that gets its name and count written on it. */
const MIN_LABEL_AREA = 2500;

export interface ChoroplethOptions {
  width: number;
  height: number;
  title: string;
  legendTitle: string;
  unusualLabel: string;
  noAppealsLabel: string;
  /** Write each unit's name on the map (sensible up to a few dozen units). */
  labels?: boolean;
}

export function choroplethSvg(cells: ProblemMapCellData[], shapes: Map<string, Geometry>, o: ChoroplethOptions): string {
  const drawn = cells.filter((c) => shapes.has(c.kato)).map((c) => ({ cell: c, shape: forD3(shapes.get(c.kato)!) }));
  const legendWidth = 190;
  const mapWidth = o.width - legendWidth;
  const collection = { type: 'FeatureCollection', features: drawn.map((d) => ({ type: 'Feature', properties: {}, geometry: d.shape })) } as any;
  const lons = drawn.length ? centreLongitude(collection) : 67;
  const projection = geoConicEqualArea().parallels([44, 52]).rotate([-lons, 0]);
  if (drawn.length) projection.fitExtent([[10, 34], [mapWidth - 10, o.height - 10]], collection);
  const path = geoPath(projection);
  const breaks = classBreaks(cells.map((c) => c.appeals));
  const parts: string[] = [];
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" class="choropleth" viewBox="0 0 ${o.width} ${o.height}" width="${o.width}" height="${o.height}" role="img" aria-label="${escapeXml(o.title)}">`,
  );
  parts.push(`<title>${escapeXml(o.title)}</title>`);
  parts.push(`<text x="10" y="20" class="svg-title">${escapeXml(o.title)}</text>`);
  parts.push('<g class="units" stroke="#555" stroke-width="0.6" stroke-linejoin="round">');
  // unusual units last, so that their outline is drawn over the neighbours' borders
  const ordered = [...drawn.filter((d) => !d.cell.unusual), ...drawn.filter((d) => d.cell.unusual)];
  for (const { cell, shape } of ordered) {
    const fill = colourFor(cell.appeals, breaks);
    const unusual = cell.unusual ? ` stroke="${UNUSUAL_OUTLINE}" stroke-width="3"` : '';
    parts.push(
      `<path d="${pathData(path(shape))}" fill="${fill}"${unusual} data-kato="${cell.kato}"><title>${escapeXml(`${cell.name}: ${cell.appeals}`)}</title></path>`,
    );
  }
  parts.push('</g>');
  if (o.labels ?? drawn.length <= 40) {
    // names only where they fit: a unit smaller on paper than a label is named in the table instead
    parts.push('<g class="labels" font-size="10" text-anchor="middle" paint-order="stroke" stroke="#ffffff" stroke-width="2.5" stroke-linejoin="round">');
    for (const { cell, shape } of drawn) {
      const [x, y] = path.centroid(shape);
      if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
      if (path.area(shape) < MIN_LABEL_AREA) continue;
      parts.push(
        `<text x="${num(x)}" y="${num(y)}" class="unit-label">${escapeXml(shortName(cell.name))}</text>`,
        `<text x="${num(x)}" y="${num(y + 12)}" class="unit-count">${cell.appeals}${cell.unusual ? ' !' : ''}</text>`,
      );
    }
    parts.push('</g>');
  }
  // legend
  const lx = mapWidth + 10;
  let ly = 44;
  parts.push(`<g class="legend" font-size="11"><text x="${lx}" y="${ly - 10}" font-weight="bold">${escapeXml(o.legendTitle)}</text>`);
  const rows: [string, string][] = [[ZERO_COLOUR, o.noAppealsLabel]];
  let low = 1;
  for (let i = 0; i < breaks.length; i++) {
    rows.push([colourFor(breaks[i], breaks), low === breaks[i] ? `${breaks[i]}` : `${low}–${breaks[i]}`]);
    low = breaks[i] + 1;
  }
  for (const [colour, label] of rows) {
    parts.push(`<rect x="${lx}" y="${ly}" width="18" height="12" fill="${colour}" stroke="#555" stroke-width="0.5"/>`);
    parts.push(`<text x="${lx + 24}" y="${ly + 10}">${escapeXml(label)}</text>`);
    ly += 18;
  }
  ly += 6;
  parts.push(`<rect x="${lx}" y="${ly}" width="18" height="12" fill="none" stroke="${UNUSUAL_OUTLINE}" stroke-width="3"/>`);
  parts.push(`<text x="${lx + 24}" y="${ly + 10}">${escapeXml(o.unusualLabel)}</text>`);
  parts.push('</g></svg>');
  return parts.join('\n');
}

function centreLongitude(collection: any): number {
  let min = Infinity;
  let max = -Infinity;
  for (const f of collection.features) {
    const polys = f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
    for (const poly of polys) for (const [lon] of poly[0]) {
      if (lon < min) min = lon;
      if (lon > max) max = lon;
    }
  }
  return (min + max) / 2;
}

/** "Енбекшиказахский район" → "Енбекшиказахский" for map labels. */
function shortName(name: string): string {
  return name.replace(/\s+(район|ауданы|District)$/i, '');
}

export interface MonthlyPoint {
  label: string;
  appeals: number;
  overdue: number;
}

export function monthlyChartSvg(points: MonthlyPoint[], o: { width: number; height: number; title: string; appealsLabel: string; overdueLabel: string }): string {
  const left = 44;
  const right = 12;
  const top = 40;
  const bottom = 58;
  const w = o.width - left - right;
  const h = o.height - top - bottom;
  const max = Math.max(1, ...points.map((p) => p.appeals));
  const step = niceStep(max);
  const yMax = Math.ceil(max / step) * step;
  const y = (v: number) => top + h - (v / yMax) * h;
  const band = points.length ? w / points.length : w;
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" class="chart monthly" viewBox="0 0 ${o.width} ${o.height}" width="${o.width}" height="${o.height}" role="img" aria-label="${escapeXml(o.title)}">`,
    `<title>${escapeXml(o.title)}</title>`,
    `<text x="10" y="20" class="svg-title">${escapeXml(o.title)}</text>`,
    '<g class="axis" font-size="10" fill="#444">',
  ];
  for (let v = 0; v <= yMax; v += step) {
    parts.push(`<line x1="${left}" x2="${left + w}" y1="${num(y(v))}" y2="${num(y(v))}" stroke="#ddd"/>`);
    parts.push(`<text x="${left - 6}" y="${num(y(v) + 3)}" text-anchor="end">${v}</text>`);
  }
  parts.push('</g><g class="bars">');
  points.forEach((p, i) => {
    const x = left + i * band + band * 0.15;
    parts.push(
      `<rect x="${num(x)}" y="${num(y(p.appeals))}" width="${num(band * 0.7)}" height="${num(top + h - y(p.appeals))}" fill="#4a7fb5"><title>${escapeXml(`${p.label}: ${p.appeals}`)}</title></rect>`,
    );
    parts.push(`<text x="${num(x + band * 0.35)}" y="${num(y(p.appeals) - 3)}" font-size="9" text-anchor="middle">${p.appeals}</text>`);
    parts.push(
      `<text x="${num(x + band * 0.35)}" y="${top + h + 14}" font-size="9" text-anchor="end" transform="rotate(-35 ${num(x + band * 0.35)} ${top + h + 14})">${escapeXml(p.label)}</text>`,
    );
  });
  parts.push('</g>');
  if (points.length) {
    const line = points.map((p, i) => `${num(left + (i + 0.5) * band)},${num(y(p.overdue))}`).join(' ');
    parts.push(`<polyline points="${line}" fill="none" stroke="#c00000" stroke-width="2"/>`);
    points.forEach((p, i) => parts.push(`<circle cx="${num(left + (i + 0.5) * band)}" cy="${num(y(p.overdue))}" r="2.5" fill="#c00000"/>`));
  }
  const ly = o.height - 10;
  parts.push(
    `<g font-size="10"><rect x="${left}" y="${ly - 9}" width="12" height="10" fill="#4a7fb5"/><text x="${left + 16}" y="${ly}">${escapeXml(o.appealsLabel)}</text>`,
    `<line x1="${left + 150}" x2="${left + 170}" y1="${ly - 4}" y2="${ly - 4}" stroke="#c00000" stroke-width="2"/><text x="${left + 175}" y="${ly}">${escapeXml(o.overdueLabel)}</text></g>`,
    '</svg>',
  );
  return parts.join('\n');
}

export function barListSvg(items: { label: string; value: number }[], o: { width: number; title: string }): string {
  const rowH = 20;
  const labelW = Math.min(330, Math.round(o.width * 0.45));
  const top = 34;
  const height = top + items.length * rowH + 8;
  const max = Math.max(1, ...items.map((i) => i.value));
  const barMax = o.width - labelW - 60;
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" class="chart bars" viewBox="0 0 ${o.width} ${height}" width="${o.width}" height="${height}" role="img" aria-label="${escapeXml(o.title)}">`,
    `<title>${escapeXml(o.title)}</title>`,
    `<text x="10" y="20" class="svg-title">${escapeXml(o.title)}</text>`,
  ];
  items.forEach((it, i) => {
    const yy = top + i * rowH;
    const wBar = (it.value / max) * barMax;
    parts.push(`<text x="${labelW - 6}" y="${yy + 13}" font-size="10" text-anchor="end">${escapeXml(truncate(it.label, 58))}</text>`);
    parts.push(`<rect x="${labelW}" y="${yy + 3}" width="${num(Math.max(1, wBar))}" height="${rowH - 6}" fill="#6a9a5b"/>`);
    parts.push(`<text x="${num(labelW + wBar + 4)}" y="${yy + 13}" font-size="10">${it.value}</text>`);
  });
  parts.push('</svg>');
  return parts.join('\n');
}

const truncate = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

function niceStep(max: number): number {
  const raw = max / 5;
  const p = 10 ** Math.floor(Math.log10(Math.max(1, raw)));
  for (const m of [1, 2, 5, 10]) if (raw <= m * p) return Math.max(1, m * p);
  return 10 * p;
}
