/**
 * The mapping file: how a source system's CSV columns become our appeals. Plain JSON, checked here once, with every
 * problem reported at once (a mapping is written by hand). See imports/spb-portal.json for a worked example.
 *
 * A field is either a constant (`{"value": "report"}`) or a column (`{"column": "form"}`), optionally translated
 * through `values` (source value → ours; `default` for values not listed; a value neither listed nor defaulted
 * rejects the row).
 */
import { readFileSync } from 'node:fs';
import { APPEAL_STATUSES, type AppealStatus } from '../appeals/domain/appeal-status';
import { APPEAL_FORMS } from '../appeals/domain/deadline-rules';
import { APPEAL_CHANNELS, LANGUAGES, RESPONSE_DECISIONS } from '../appeals/domain/vocabulary';
import { ORG_KINDS, ORG_LEVELS, type OrgKind, type OrgLevel } from '../organizations/vocabulary';

export interface FieldSpec {
  column?: string;
  value?: string | null;
  values?: Record<string, string>;
  default?: string | null;
}

export interface NamedUnit {
  /** The unit's code in admin_unit.kato (9 characters). Units of other countries use codes that are not KATO. */
  code: string;
  nameRu: string;
  nameKk?: string;
  nameEn?: string;
  isoCode?: string;
}

export interface OrgSpec {
  nameRu: string;
  nameKk?: string;
  nameEn?: string;
  kind: OrgKind;
  level: OrgLevel;
}

export interface ImportMapping {
  description?: string;
  /** Stored in appeal.source_system: ids are unique within it. */
  sourceSystem: string;
  /** Offset applied to timestamps written without one, e.g. "+03:00". */
  timezone: string;
  /** The region the appeals belong to; created when missing (the --region option names an existing one instead). */
  region?: NamedUnit;
  fields: {
    sourceId: FieldSpec;
    receivedAt: FieldSpec;
    text: FieldSpec;
    summary?: FieldSpec;
    form: FieldSpec;
    channel: FieldSpec;
    /** Omitted or null: detected from the text. */
    language?: FieldSpec;
  };
  /** Where the problem is: a district of the region, found by code or name; listed units are created when missing. */
  adminUnit: {
    column: string;
    /** Source value → the district it means (created under the region when missing). */
    units?: Record<string, NamedUnit>;
    /** When the value is not listed: look the region's districts up by KATO or Russian/Kazakh/English name. */
    matchByName?: boolean;
  };
  /** The source's own classification, as topics of a branch of the topic tree (created by the import). */
  topic?: {
    column: string;
    nameColumn?: string;
    /** Topic code = prefix + the source value (upper-cased, non-alphanumerics as _); the branch's root is created. */
    codePrefix: string;
    branch: { code: string; nameRu: string; nameKk?: string; nameEn?: string };
  };
  /** Who the appeal is addressed to (found by name in the region, created when missing). */
  addressee: OrgSpec;
  /** The executing organization: the first non-empty of these columns; found by name or created. */
  executor?: {
    columns: string[];
    kind: OrgKind;
    level: OrgLevel;
    /** First matching rule (a regular expression on the name) gives the kind and level. */
    rules?: { pattern: string; kind: OrgKind; level: OrgLevel }[];
  };
  /** The source's statuses: each entry of the timeline and the final status, translated through `statuses`. */
  status: {
    timelineColumn?: string;
    /** Between entries, and between time and status in an entry ("time=status|time=status"). */
    entrySeparator?: string;
    pairSeparator?: string;
    finalColumn?: string;
    statuses: Record<string, AppealStatus>;
  };
  /** The answer, recorded as a response when the appeal ended answered or closed. */
  response?: {
    textColumn: string;
    atColumn: string;
    decision: FieldSpec;
  };
  /** The applicant, when the source has one. Checked like a registration (IIN/BIN check digits, name, address). */
  applicant?: {
    required: boolean;
    kind?: FieldSpec;
    fullName?: FieldSpec;
    iin?: FieldSpec;
    organizationName?: FieldSpec;
    bin?: FieldSpec;
    address?: FieldSpec;
    phone?: FieldSpec;
    email?: FieldSpec;
  };
  /** Extra columns given to the topic classifier as categorical features (must match how its model was trained). */
  classifierExtras?: string[];
}

export class MappingError extends Error {
  constructor(
    readonly problems: string[],
    file?: string,
  ) {
    super(`The mapping${file ? ` ${file}` : ''} is not valid:\n  - ${problems.join('\n  - ')}`);
    this.name = 'MappingError';
  }
}

const isObj = (v: unknown): v is Record<string, any> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isStr = (v: unknown): v is string => typeof v === 'string' && v.trim() !== '';

/** Checks a parsed mapping; throws MappingError listing every problem. `columns`: the CSV header, when known. */
export function validateMapping(raw: unknown, columns?: string[], file?: string): ImportMapping {
  const p: string[] = [];
  const m = raw as ImportMapping;
  if (!isObj(raw)) throw new MappingError(['the mapping must be a JSON object'], file);
  const hasColumn = (where: string, c: unknown) => {
    if (!isStr(c)) p.push(`${where}: a column name is required`);
    else if (columns && !columns.includes(c)) p.push(`${where}: column "${c}" is not in the file (columns: ${columns.join(', ')})`);
  };
  const field = (where: string, f: unknown, allowed?: readonly string[], required = true) => {
    if (f === undefined || f === null) {
      if (required) p.push(`${where}: required ({"column": …} or {"value": …})`);
      return;
    }
    if (!isObj(f)) return p.push(`${where}: must be an object`);
    if (f.column === undefined && f.value === undefined) p.push(`${where}: needs "column" or "value"`);
    if (f.column !== undefined) hasColumn(where, f.column);
    if (f.values !== undefined && !isObj(f.values)) p.push(`${where}.values: must be an object`);
    if (allowed) {
      const targets = [f.value, f.default, ...Object.values(isObj(f.values) ? f.values : {})].filter((x) => x !== undefined && x !== null);
      for (const t of targets) if (!allowed.includes(t as string)) p.push(`${where}: "${t}" is not one of ${allowed.join(', ')}`);
      if (f.column !== undefined && f.values === undefined && !f.default && columns) {
        // a column taken as is must already hold our values; nothing to check until rows arrive
      }
    }
  };
  const unit = (where: string, u: unknown) => {
    if (!isObj(u)) return p.push(`${where}: must be an object`);
    if (!isStr(u.code) || u.code.length > 9) p.push(`${where}.code: 1 to 9 characters`);
    if (!isStr(u.nameRu)) p.push(`${where}.nameRu: required`);
    if (u.isoCode !== undefined && (!isStr(u.isoCode) || u.isoCode.length > 8)) p.push(`${where}.isoCode: at most 8 characters`);
  };
  const org = (where: string, o: unknown) => {
    if (!isObj(o)) return p.push(`${where}: must be an object`);
    if (!isStr(o.nameRu)) p.push(`${where}.nameRu: required`);
    if (!ORG_KINDS.includes(o.kind)) p.push(`${where}.kind: one of ${ORG_KINDS.join(', ')}`);
    if (!ORG_LEVELS.includes(o.level)) p.push(`${where}.level: one of ${ORG_LEVELS.join(', ')}`);
  };

  if (!isStr(m.sourceSystem) || !/^[a-z0-9][a-z0-9._-]{0,63}$/.test(m.sourceSystem))
    p.push('sourceSystem: 1-64 lower-case letters, digits, ".", "_" or "-"');
  if (!/^[+-]\d\d:\d\d$/.test(String(m.timezone ?? ''))) p.push('timezone: an offset such as "+05:00"');
  if (m.region !== undefined) unit('region', m.region);
  if (!isObj(m.fields)) p.push('fields: required');
  else {
    field('fields.sourceId', m.fields.sourceId);
    field('fields.receivedAt', m.fields.receivedAt);
    field('fields.text', m.fields.text);
    field('fields.summary', m.fields.summary, undefined, false);
    field('fields.form', m.fields.form, APPEAL_FORMS);
    field('fields.channel', m.fields.channel, APPEAL_CHANNELS);
    field('fields.language', m.fields.language, LANGUAGES, false);
  }
  if (!isObj(m.adminUnit)) p.push('adminUnit: required');
  else {
    hasColumn('adminUnit', m.adminUnit.column);
    if (m.adminUnit.units !== undefined) {
      if (!isObj(m.adminUnit.units)) p.push('adminUnit.units: must be an object');
      else for (const [k, u] of Object.entries(m.adminUnit.units)) unit(`adminUnit.units["${k}"]`, u);
    }
    if (!m.adminUnit.units && !m.adminUnit.matchByName) p.push('adminUnit: give "units" or "matchByName": true');
  }
  if (m.topic !== undefined) {
    if (!isObj(m.topic)) p.push('topic: must be an object');
    else {
      hasColumn('topic', m.topic.column);
      if (m.topic.nameColumn !== undefined) hasColumn('topic.nameColumn', m.topic.nameColumn);
      if (!isObj(m.topic.branch) || !/^[A-Z][A-Z0-9_]*$/.test(String(m.topic.branch.code ?? '')) || !isStr(m.topic.branch.nameRu))
        p.push('topic.branch: {code (A-Z, 0-9, _), nameRu}');
      if (!isStr(m.topic.codePrefix) || !/^[A-Z][A-Z0-9_]*\.[A-Z0-9_]*$/.test(m.topic.codePrefix))
        p.push('topic.codePrefix: "<BRANCH>.<PREFIX>", e.g. "SPB.CAT_"');
      else if (isObj(m.topic.branch) && !m.topic.codePrefix.startsWith(`${m.topic.branch.code}.`))
        p.push('topic.codePrefix must start with the branch code and a dot');
    }
  }
  org('addressee', m.addressee);
  if (m.executor !== undefined) {
    if (!isObj(m.executor) || !Array.isArray(m.executor.columns) || !m.executor.columns.length) p.push('executor.columns: a list of columns');
    else {
      m.executor.columns.forEach((c, i) => hasColumn(`executor.columns[${i}]`, c));
      if (!ORG_KINDS.includes(m.executor.kind)) p.push(`executor.kind: one of ${ORG_KINDS.join(', ')}`);
      if (!ORG_LEVELS.includes(m.executor.level)) p.push(`executor.level: one of ${ORG_LEVELS.join(', ')}`);
      for (const [i, r] of (m.executor.rules ?? []).entries()) {
        try {
          new RegExp(r.pattern, 'u');
        } catch {
          p.push(`executor.rules[${i}].pattern: not a regular expression`);
        }
        if (!ORG_KINDS.includes(r.kind) || !ORG_LEVELS.includes(r.level)) p.push(`executor.rules[${i}]: kind and level from the organization vocabulary`);
      }
    }
  }
  if (!isObj(m.status) || !isObj(m.status.statuses)) p.push('status.statuses: source status → one of our statuses');
  else {
    if (m.status.timelineColumn !== undefined) hasColumn('status.timelineColumn', m.status.timelineColumn);
    if (m.status.finalColumn !== undefined) hasColumn('status.finalColumn', m.status.finalColumn);
    if (!m.status.timelineColumn && !m.status.finalColumn) p.push('status: give timelineColumn and/or finalColumn');
    for (const [k, v] of Object.entries(m.status.statuses))
      if (!APPEAL_STATUSES.includes(v)) p.push(`status.statuses["${k}"]: "${v}" is not one of ${APPEAL_STATUSES.join(', ')}`);
  }
  if (m.response !== undefined) {
    if (!isObj(m.response)) p.push('response: must be an object');
    else {
      hasColumn('response.textColumn', m.response.textColumn);
      hasColumn('response.atColumn', m.response.atColumn);
      field('response.decision', m.response.decision, RESPONSE_DECISIONS);
    }
  }
  if (m.applicant !== undefined) {
    if (!isObj(m.applicant)) p.push('applicant: must be an object');
    else {
      for (const k of ['kind', 'fullName', 'iin', 'organizationName', 'bin', 'address', 'phone', 'email'] as const)
        field(`applicant.${k}`, m.applicant[k], k === 'kind' ? ['individual', 'legal'] : undefined, false);
    }
  }
  for (const [i, c] of (m.classifierExtras ?? []).entries()) hasColumn(`classifierExtras[${i}]`, c);
  if (p.length) throw new MappingError(p, file);
  return m;
}

export function loadMapping(file: string): ImportMapping {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e: any) {
    throw new MappingError([e?.code === 'ENOENT' ? 'file not found' : `not valid JSON (${e?.message})`], file);
  }
  return validateMapping(raw, undefined, file);
}
