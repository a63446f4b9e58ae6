/**
 * The period summary as a document: Markdown (to paste into a letter), CSV (one figure per line, for a
 * spreadsheet), HTML (pictures and tables, prints to A4 PDF from any browser).
 */
import type { Language } from '../../appeals/domain/vocabulary';
import type { ReportFormat } from '../domain/vocabulary';
import { boundaries, GEO_ATTRIBUTION } from '../geo';
import type { ProblemMapCellData } from '../problem-map.queries';
import type { PeriodSummaryData, SummaryItemData } from '../summary.queries';
import { REPORT_STRINGS, type ReportStrings } from './strings';
import { barListSvg, choroplethSvg, escapeXml, monthlyChartSvg } from './svg';

export interface RenderedReport {
  filename: string;
  contentType: string;
  content: string;
}

export function renderReport(s: PeriodSummaryData, format: ReportFormat, lang: Language, generatedOn: string): RenderedReport {
  const base = `appeals-summary_${s.from}_${s.to}`;
  switch (format) {
    case 'markdown':
      return { filename: `${base}.md`, contentType: 'text/markdown; charset=utf-8', content: renderMarkdown(s, lang, generatedOn) };
    case 'csv':
      return { filename: `${base}.csv`, contentType: 'text/csv; charset=utf-8', content: renderCsv(s) };
    case 'html':
      return { filename: `${base}.html`, contentType: 'text/html; charset=utf-8', content: renderHtml(s, lang, generatedOn) };
  }
}

// ───────────────────────────── formatting ─────────────────────────────

/** A month only partly inside the period (its count is not comparable with whole months). */
export function isPartialMonth(month: string, period: { from: string; to: string }): boolean {
  const first = `${month}-01`;
  const y = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7));
  const last = `${month}-${String(new Date(Date.UTC(y, m, 0)).getUTCDate()).padStart(2, '0')}`;
  return first < period.from || last > period.to;
}

const pct = (v: number | null) => (v == null ? '—' : `${(v * 100).toFixed(1)}%`);
const signedPct = (v: number | null) => (v == null ? '—' : `${v > 0 ? '+' : ''}${v.toFixed(1)}%`);
const dec = (v: number | null, d = 1) => (v == null ? '—' : v.toFixed(d));
const date = (d: string, lang: Language) => (lang === 'en' ? d : `${d.slice(8, 10)}.${d.slice(5, 7)}.${d.slice(0, 4)}`);

interface KeyFigure {
  label: string;
  value: string;
  note?: string;
}

function keyFigures(s: PeriodSummaryData, t: ReportStrings): KeyFigure[] {
  const x = s.totals;
  return [
    {
      label: t.appeals,
      value: String(x.appeals),
      note: x.previousPeriodAppeals == null ? `${t.previousPeriod}: ${t.noRecords}` : `${t.previousPeriod}: ${x.previousPeriodAppeals} (${signedPct(x.changePercent)})`,
    },
    { label: t.uniqueApplicants, value: String(x.uniqueApplicants) },
    { label: t.answered, value: String(x.answered) },
    { label: t.onTimeRate, value: pct(x.onTimeRate), note: `${x.answeredOnTime} / ${x.answered}` },
    { label: t.overdue, value: String(x.overdue), note: pct(x.overdueShare) },
    { label: t.reworkRate, value: pct(x.reworkRate), note: String(x.reworked) },
    { label: t.repeatedShare, value: pct(x.repeatedShare), note: String(x.repeated) },
    { label: t.medianDays, value: dec(x.medianWorkingDaysToAnswer), note: `${t.meanDays}: ${dec(x.meanWorkingDaysToAnswer)}` },
    { label: t.forwarded, value: String(x.forwarded) },
    { label: t.leftWithout, value: String(x.leftWithoutConsideration) },
  ];
}

function districtRows(s: PeriodSummaryData): ProblemMapCellData[] {
  return [...s.byDistrict.cells].sort((a, b) => b.appeals - a.appeals || a.name.localeCompare(b.name));
}

// ───────────────────────────── Markdown ─────────────────────────────

const mdCell = (v: string) => v.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** Columns of figures are right-aligned, columns of words left-aligned. */
const FIGURE = /^[\d\s.,%+\-−—–()/]*$/;

function mdTable(head: string[], rows: string[][]): string {
  return [
    `| ${head.map(mdCell).join(' | ')} |`,
    `| ${head.map((_, i) => (i > 0 && rows.every((r) => FIGURE.test(r[i] ?? '')) ? '---:' : '---')).join(' | ')} |`,
    ...rows.map((r) => `| ${r.map(mdCell).join(' | ')} |`),
  ].join('\n');
}

function itemsTable(items: SummaryItemData[], t: ReportStrings): [string[], string[][]] {
  return [[t.item, t.appeals, t.share], items.map((i) => [i.label, String(i.appeals), pct(i.share)])];
}

export function renderMarkdown(s: PeriodSummaryData, lang: Language, generatedOn: string): string {
  const t = REPORT_STRINGS[lang];
  const out: string[] = [];
  out.push(`# ${t.title}`, '');
  out.push(`**${t.period}:** ${date(s.from, lang)} – ${date(s.to, lang)}  `, `**${t.scope}:** ${s.scope}  `, `**${t.generated}:** ${date(generatedOn, lang)}`, '');
  out.push(`## ${t.keyFigures}`, '');
  out.push(mdTable([t.item, ''], keyFigures(s, t).map((k) => [k.label, k.note ? `${k.value} (${k.note})` : k.value])), '');
  out.push(`## ${t.byDistrict}`, '');
  out.push(
    mdTable(
      [t.unit, t.appeals, t.previousPeriod, t.change, t.overdueShare, t.unusualness, t.topTopic],
      districtRows(s).map((c) => [
        c.name + (c.unusual ? ` (${t.unusual.toLowerCase()})` : ''),
        String(c.appeals),
        c.previousAppeals == null ? '—' : String(c.previousAppeals),
        signedPct(c.changePercent),
        pct(c.overdueShare),
        dec(c.unusualness, 2),
        c.topTopics[0] ? `${c.topTopics[0].name} (${c.topTopics[0].appeals})` : '—',
      ]),
    ),
  );
  if (s.byDistrict.appealsWithoutDistrict) out.push('', `${t.withoutDistrict}: ${s.byDistrict.appealsWithoutDistrict}`);
  out.push('', `_${t.mapNote}_`, '');
  if (s.byRegion.cells.length > 1) {
    out.push(`## ${t.byRegion}`, '');
    out.push(
      mdTable(
        [t.region, t.appeals, t.previousPeriod, t.change, t.overdueShare],
        [...s.byRegion.cells]
          .sort((a, b) => b.appeals - a.appeals)
          .map((c) => [c.name, String(c.appeals), c.previousAppeals == null ? '—' : String(c.previousAppeals), signedPct(c.changePercent), pct(c.overdueShare)]),
      ),
      '',
    );
  }
  out.push(`## ${t.trendTitle}`, '');
  out.push(mdTable(['', t.appeals, t.overdue], s.monthly.map((m) => [m.label + (isPartialMonth(m.month, s) ? '*' : ''), String(m.appeals), String(m.overdue)])), '');
  if (s.monthly.some((m) => isPartialMonth(m.month, s))) out.push(`\\* ${t.partialMonth}`, '');
  for (const [title, items] of [
    [t.byTopic, s.byTopic],
    [t.bySubtopic, s.bySubtopic],
    [t.byForm, s.byForm],
    [t.byChannel, s.byChannel],
  ] as const) {
    out.push(`## ${title}`, '', mdTable(...itemsTable(items, t)), '');
  }
  out.push(`## ${t.problemCards}`, '');
  if (!s.problemCardsAvailable) out.push(t.cardsUnavailable, '');
  else if (!s.topProblemCards.length) out.push(t.noCards, '');
  else {
    out.push(
      mdTable(
        [t.cardTitle, t.region, t.topic, t.status, t.severity, t.appeals, t.applicants, t.seen],
        s.topProblemCards.map((c) => [
          c.title,
          c.region ?? '—',
          c.topic ?? '—',
          c.status,
          dec(c.severity, 2),
          String(c.appeals),
          String(c.applicants),
          `${date(c.firstSeen, lang)} – ${date(c.lastSeen, lang)}`,
        ]),
      ),
      '',
    );
  }
  const i = s.instructions;
  out.push(`## ${t.instructions}`, '');
  out.push(
    mdTable(
      [t.item, ''],
      [
        [t.issued, String(i.issued)],
        [t.executed, String(i.executed)],
        [t.executedOnTime, String(i.executedOnTime)],
        [t.executedLate, String(i.executedLate)],
        [t.onControl, String(i.onControl)],
        [t.overdue, String(i.overdue)],
        [t.removed, String(i.removed)],
      ],
    ),
    '',
  );
  out.push(`## ${t.method}`, '', ...t.methodText.map((m) => `- ${m}`), `- ${GEO_ATTRIBUTION}`, '');
  return out.join('\n');
}

// ───────────────────────────── CSV ─────────────────────────────

const csvField = (v: string | number | null) => {
  const s = v == null ? '' : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/**
 * One figure per line — section, key, label, measure, value — so any spreadsheet or script reads it without
 * knowing the layout. UTF-8 with a byte-order mark (Excel then shows Cyrillic correctly), CRLF line ends (RFC 4180).
 */
export function renderCsv(s: PeriodSummaryData): string {
  const lines: (string | number | null)[][] = [['section', 'key', 'label', 'measure', 'value']];
  const add = (section: string, key: string | null, label: string, measure: string, value: string | number | null) =>
    lines.push([section, key, label, measure, value]);
  add('period', null, 'from', 'date', s.from);
  add('period', null, 'to', 'date', s.to);
  add('period', null, 'scope', 'name', s.scope);
  for (const [k, v] of Object.entries(s.totals)) add('totals', null, k, k, v as number | null);
  for (const [section, items] of [
    ['form', s.byForm],
    ['channel', s.byChannel],
    ['topic', s.byTopic],
    ['subtopic', s.bySubtopic],
  ] as const) {
    for (const it of items) {
      add(section, it.key, it.label, 'appeals', it.appeals);
      add(section, it.key, it.label, 'share', it.share);
    }
  }
  for (const [section, map] of [
    ['region', s.byRegion],
    ['district', s.byDistrict],
  ] as const) {
    for (const c of map.cells) {
      for (const m of ['appeals', 'uniqueApplicants', 'previousAppeals', 'changePercent', 'overdue', 'overdueShare', 'repeatedShare', 'unusualness'] as const) {
        add(section, c.kato, c.name, m, c[m]);
      }
      add(section, c.kato, c.name, 'unusual', c.unusual ? 1 : 0);
    }
  }
  add('district', null, 'without district', 'appeals', s.byDistrict.appealsWithoutDistrict);
  for (const m of s.monthly) {
    add('month', m.month, m.label, 'appeals', m.appeals);
    add('month', m.month, m.label, 'overdue', m.overdue);
  }
  s.topProblemCards.forEach((c, i) => {
    const key = String(i + 1);
    add('problem_card', key, c.title, 'appeals', c.appeals);
    add('problem_card', key, c.title, 'applicants', c.applicants);
    add('problem_card', key, c.title, 'severity', c.severity);
  });
  for (const [k, v] of Object.entries(s.instructions)) add('instructions', null, k, k, v as number);
  return '\uFEFF' + lines.map((l) => l.map(csvField).join(',')).join('\r\n') + '\r\n';
}

// ───────────────────────────── HTML ─────────────────────────────

const h = (v: string) => escapeXml(v);

function htmlTable(head: string[], rows: string[][], cls = ''): string {
  return `<table class="${cls}"><thead><tr>${head.map((c, i) => `<th${i ? ' class="num"' : ''}>${h(c)}</th>`).join('')}</tr></thead>
<tbody>${rows.map((r) => `<tr>${r.map((c, i) => `<td${i ? ' class="num"' : ''}>${c}</td>`).join('')}</tr>`).join('\n')}</tbody></table>`;
}

const CSS = `
@page { size: A4; margin: 14mm 12mm; }
* { box-sizing: border-box; }
body { font-family: "DejaVu Sans", "Noto Sans", Arial, sans-serif; color: #222; margin: 0 auto; max-width: 1000px; padding: 16px; font-size: 13px; line-height: 1.4; }
h1 { font-size: 22px; margin: 0 0 4px; }
h2 { font-size: 16px; margin: 22px 0 8px; border-bottom: 2px solid #4a7fb5; padding-bottom: 3px; }
.meta { color: #555; margin-bottom: 12px; }
.figures { display: grid; grid-template-columns: repeat(5, 1fr); gap: 8px; }
.figure { border: 1px solid #ccd; border-radius: 6px; padding: 8px; background: #f7f9fc; }
.figure .v { font-size: 20px; font-weight: bold; color: #1d3f66; }
.figure .l { font-size: 11px; color: #444; }
.figure .n { font-size: 10px; color: #777; }
table { border-collapse: collapse; width: 100%; margin: 6px 0; font-size: 12px; }
th, td { border-bottom: 1px solid #ddd; padding: 3px 6px; text-align: left; vertical-align: top; }
th { background: #eef2f7; }
td.num, th.num { text-align: right; }
td.num { white-space: nowrap; }
table.districts { table-layout: fixed; }
table.districts th { font-size: 10px; overflow-wrap: anywhere; hyphens: auto; }
tr.unusual td { background: #fde8e8; }
.cols { display: grid; grid-template-columns: 1fr 1fr; gap: 16px; }
svg { max-width: 100%; height: auto; display: block; margin: 4px 0; }
.svg-title { font-size: 13px; font-weight: bold; }
.unit-label { fill: #222; font-size: 9px; }
.unit-count { fill: #000; font-size: 10px; font-weight: bold; }
.note { color: #555; font-size: 11px; }
section { break-inside: avoid; page-break-inside: avoid; }
thead { display: table-header-group; }
tr { break-inside: avoid; }
@media print {
  body { max-width: none; padding: 0; font-size: 11px; }
  h2 { break-after: avoid; }
  .figures { grid-template-columns: repeat(5, 1fr); }
  .map-section { break-before: auto; }
}
`;

export function renderHtml(s: PeriodSummaryData, lang: Language, generatedOn: string): string {
  const t = REPORT_STRINGS[lang];
  const figures = keyFigures(s, t)
    .map((k) => `<div class="figure"><div class="v">${h(k.value)}</div><div class="l">${h(k.label)}</div>${k.note ? `<div class="n">${h(k.note)}</div>` : ''}</div>`)
    .join('\n');
  const map = choroplethSvg(s.byDistrict.cells, boundaries('district'), {
    width: 960,
    height: 620,
    title: `${t.mapTitle}, ${date(s.from, lang)} – ${date(s.to, lang)}`,
    legendTitle: t.mapLegend,
    unusualLabel: t.unusual,
    noAppealsLabel: t.noAppeals,
  });
  const trend = monthlyChartSvg(
    s.monthly.map((m) => ({ label: m.label + (isPartialMonth(m.month, s) ? '*' : ''), appeals: m.appeals, overdue: m.overdue })),
    { width: 960, height: 300, title: t.trendTitle, appealsLabel: t.appeals, overdueLabel: t.overdue },
  );
  const topics = barListSvg(
    s.byTopic.map((x) => ({ label: x.label, value: x.appeals })),
    { width: 960, title: t.byTopic },
  );
  const districtTable = `<table class="districts"><colgroup>${[20, 11, 11, 10, 11, 11, 26].map((p) => `<col style="width:${p}%">`).join('')}</colgroup><thead><tr>${[t.unit, t.appeals, t.previousPeriod, t.change, t.overdueShare, t.unusualness, t.topTopic]
    .map((c, i) => `<th${i && i < 6 ? ' class="num"' : ''}>${h(c)}</th>`)
    .join('')}</tr></thead><tbody>${districtRows(s)
    .map(
      (c) =>
        `<tr${c.unusual ? ' class="unusual"' : ''}><td>${h(c.name)}${c.unusual ? ` <strong>(${h(t.unusual.toLowerCase())})</strong>` : ''}</td><td class="num">${c.appeals}</td><td class="num">${
          c.previousAppeals ?? '—'
        }</td><td class="num">${signedPct(c.changePercent)}</td><td class="num">${pct(c.overdueShare)}</td><td class="num">${dec(c.unusualness, 2)}</td><td>${
          c.topTopics[0] ? `${h(c.topTopics[0].name)} (${c.topTopics[0].appeals})` : '—'
        }</td></tr>`,
    )
    .join('\n')}</tbody></table>`;
  const items = (list: SummaryItemData[]) => htmlTable([t.item, t.appeals, t.share], list.map((i) => [h(i.label), String(i.appeals), pct(i.share)]));
  const regions =
    s.byRegion.cells.length > 1
      ? `<section><h2>${h(t.byRegion)}</h2>${htmlTable(
          [t.region, t.appeals, t.previousPeriod, t.change, t.overdueShare],
          [...s.byRegion.cells]
            .sort((a, b) => b.appeals - a.appeals)
            .map((c) => [h(c.name), String(c.appeals), String(c.previousAppeals ?? '—'), signedPct(c.changePercent), pct(c.overdueShare)]),
        )}</section>`
      : '';
  const cards = !s.problemCardsAvailable
    ? `<p class="note">${h(t.cardsUnavailable)}</p>`
    : !s.topProblemCards.length
      ? `<p class="note">${h(t.noCards)}</p>`
      : htmlTable(
          [t.cardTitle, t.region, t.topic, t.status, t.severity, t.appeals, t.applicants, t.seen],
          s.topProblemCards.map((c) => [
            h(c.title),
            h(c.region ?? '—'),
            h(c.topic ?? '—'),
            h(c.status),
            dec(c.severity, 2),
            String(c.appeals),
            String(c.applicants),
            `${date(c.firstSeen, lang)} – ${date(c.lastSeen, lang)}`,
          ]),
        );
  const i = s.instructions;
  return `<!DOCTYPE html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<title>${h(`${t.title} — ${date(s.from, lang)} – ${date(s.to, lang)}`)}</title>
<style>${CSS}</style>
</head>
<body>
<header>
<h1>${h(t.title)}</h1>
<div class="meta">${h(t.period)}: <strong>${date(s.from, lang)} – ${date(s.to, lang)}</strong> · ${h(t.scope)}: <strong>${h(s.scope)}</strong> · ${h(t.generated)}: ${date(generatedOn, lang)}</div>
</header>
<section><h2>${h(t.keyFigures)}</h2><div class="figures">${figures}</div></section>
<section class="map-section"><h2>${h(t.byDistrict)}</h2>
${map}
<p class="note">${h(t.mapNote)}${s.byDistrict.appealsWithoutDistrict ? ` ${h(t.withoutDistrict)}: ${s.byDistrict.appealsWithoutDistrict}.` : ''}</p>
</section>
<section>${districtTable}</section>
${regions}
<section><h2>${h(t.trendTitle)}</h2>${trend}${s.monthly.some((m) => isPartialMonth(m.month, s)) ? `<p class="note">* ${h(t.partialMonth)}</p>` : ''}</section>
<section><h2>${h(t.byTopic)}</h2>${topics}</section>
<section><h2>${h(t.bySubtopic)}</h2>${items(s.bySubtopic)}</section>
<section class="cols"><div><h2>${h(t.byForm)}</h2>${items(s.byForm)}</div><div><h2>${h(t.byChannel)}</h2>${items(s.byChannel)}</div></section>
<section><h2>${h(t.problemCards)}</h2>${cards}</section>
<section><h2>${h(t.instructions)}</h2>${htmlTable(
    [t.item, ''],
    [
      [h(t.issued), String(i.issued)],
      [h(t.executed), String(i.executed)],
      [h(t.executedOnTime), String(i.executedOnTime)],
      [h(t.executedLate), String(i.executedLate)],
      [h(t.onControl), String(i.onControl)],
      [h(t.overdue), String(i.overdue)],
      [h(t.removed), String(i.removed)],
    ],
  )}</section>
<section><h2>${h(t.method)}</h2><ul class="note">${t.methodText.map((m) => `<li>${h(m)}</li>`).join('')}<li>${h(GEO_ATTRIBUTION)}</li></ul></section>
</body>
</html>
`;
}
