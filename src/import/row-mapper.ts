/**
 * One CSV record → one appeal to import, or the reasons it cannot be. Pure and synchronous (no database): the
 * reference data it needs (the region's districts) is handed in as a lookup.
 *
 * What an imported row must satisfy (the registration rules where they apply, src/appeals/domain):
 *  - a source id (unique within the source system; at most 128 characters);
 *  - a time of receipt: parseable, not in the future, not before 2000, and inside the working calendar's years
 *    (deadlines are computed from it);
 *  - the essence: not empty, at most 20,000 characters; a summary of at most 500. An essence shorter than a new
 *    registration needs (10 letters or digits, APPK art. 63) does not reject the record: another system registered
 *    it, so it is kept with the rule it fails in `registrationDefects` (and counted like any other appeal);
 *  - a form, channel and language from our vocabularies (after the mapping's translation);
 *  - a district the mapping or the region knows;
 *  - statuses the mapping translates (every entry of the timeline and the final status);
 *  - the applicant: a historical record may have none (the source kept the person, or masked them), so an applicant
 *    is required only when the mapping says `applicant.required`; an applicant that is given is checked like a
 *    registration (full name, IIN / BIN with check digits, postal address, phone, e-mail).
 */
import type { AppealStatus } from '../appeals/domain/appeal-status';
import { WORKING_DAY_END_MINUTES, type AppealForm } from '../appeals/domain/deadline-rules';
import { forwardingDueDate, initialDueDate, registrationDate } from '../appeals/domain/deadlines';
import { registrationProblems, type RegistrationApplicantInput } from '../appeals/domain/registration-requirements';
import type { AppealChannel, Language, ResponseDecision } from '../appeals/domain/vocabulary';
import { localMinutesOfDay, toLocalDate, type WorkingCalendar } from '../calendar/working-calendar';
import { detectLanguage } from '../classifier/text';
import type { FieldSpec, ImportMapping } from './mapping';

export const SOURCE_ID_MAX = 128;
export const SUMMARY_MAX = 500;
export const ORG_NAME_MAX = 500;

export interface TimelineEntry {
  at: Date;
  source: string;
  status: AppealStatus;
}

export interface MappedAppeal {
  row: number;
  sourceId: string;
  receivedAt: Date;
  registrationDate: string;
  dueDate: string;
  forwardDueDate: string;
  text: string;
  summary: string | null;
  form: AppealForm;
  channel: AppealChannel;
  language: Language;
  adminUnitId: number;
  /** Topic from the source's own classification: our code and the name to create it with. */
  topic: { code: string; name: string } | null;
  executorName: string | null;
  status: AppealStatus;
  timeline: TimelineEntry[];
  assignedAt: Date | null;
  answeredAt: Date | null;
  closedAt: Date | null;
  forwardedAt: Date | null;
  finishedAt: Date | null;
  response: { text: string; at: Date; decision: ResponseDecision } | null;
  applicant: RegistrationApplicantInput | null;
  /** Registration rules of APPK art. 63 the historical record fails but is kept with ("field: message"). */
  registrationDefects: string[];
  extras?: Record<string, string>;
}

/** Registration problems a record already registered by another system is kept with, flagged (not rejected). */
export function isToleratedDefect(p: { field: string; message: string }, text: string): boolean {
  return p.field === 'text' && text.trim() !== '' && /too short/.test(p.message);
}

export interface Rejection {
  row: number;
  reasons: string[];
}

export interface MapperContext {
  calendar: WorkingCalendar;
  now: Date;
  /** A district id for a source value, or null when unknown. */
  adminUnit: (value: string) => number | null;
}

const TIME_RE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

function offsetMinutes(tz: string): number {
  const m = /^([+-])(\d{2}):?(\d{2})?$/.exec(tz);
  if (!m) return 0;
  return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3] ?? 0));
}

/** A source timestamp ('2020-10-18T14:50:40.817676', '2020-10-18 14:50', '2020-10-18', with or without offset). */
export function parseSourceTime(s: string, defaultOffset: string): Date | null {
  const m = TIME_RE.exec(s.trim());
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const [h, mi, se] = [Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0)];
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || se > 60) return null;
  const ms = m[7] ? Number(m[7].slice(0, 3).padEnd(3, '0')) : 0;
  const off = m[8] ? (m[8].toUpperCase() === 'Z' ? 0 : offsetMinutes(m[8])) : offsetMinutes(defaultOffset);
  if (new Date(Date.UTC(y, mo - 1, d)).getUTCDate() !== d) return null; // 31 April and the like
  const t = Date.UTC(y, mo - 1, d, h, mi, se, ms) - off * 60_000;
  return Number.isNaN(t) ? null : new Date(t);
}

/** As registration does: control characters other than tab and newline dropped, then trimmed; empty → null. */
export function cleanText(s: string | null | undefined): string | null {
  if (s == null) return null;
  const t = s.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g, '').trim();
  return t === '' ? null : t;
}

/** A topic code from a source value: upper-case ASCII as is, anything else as a short stable hash. */
export function topicCodeFor(prefix: string, value: string): string {
  const v = value.trim();
  if (/^[A-Za-z0-9_ -]{1,40}$/.test(v)) return `${prefix}${v.toUpperCase().replace(/[ -]/g, '_')}`;
  let h = 0x811c9dc5;
  for (let i = 0; i < v.length; i++) h = Math.imul(h ^ v.charCodeAt(i), 0x01000193);
  return `${prefix}H${(h >>> 0).toString(16).toUpperCase().padStart(8, '0')}`;
}

/**
 * Reads fields of a record by column name. `header` is the CSV's first row; values are trimmed, empty → null.
 */
export class RowReader {
  private readonly index: Map<string, number>;
  constructor(readonly header: string[]) {
    this.index = new Map(header.map((h, i) => [h, i]));
  }
  col(rec: string[], name: string | undefined): string | null {
    if (!name) return null;
    const i = this.index.get(name);
    if (i === undefined) return null;
    const v = rec[i];
    if (v === undefined) return null;
    const t = v.trim();
    return t === '' ? null : t;
  }
}

/** A field's value: a constant, or a column translated through `values` (undefined: an untranslatable value). */
function fieldValue(reader: RowReader, rec: string[], f: FieldSpec | undefined): string | null | undefined {
  if (!f) return null;
  if (f.column === undefined) return f.value ?? null;
  const raw = reader.col(rec, f.column);
  if (raw === null) return f.default ?? null;
  if (!f.values) return raw;
  if (Object.prototype.hasOwnProperty.call(f.values, raw)) return f.values[raw];
  return f.default === undefined ? undefined : f.default;
}

const ANSWERED: ReadonlySet<AppealStatus> = new Set(['answered', 'closed']);
const ROUTED: ReadonlySet<AppealStatus> = new Set(['assigned', 'in_progress', 'answered', 'returned_for_rework', 'closed']);

export class RowMapper {
  readonly reader: RowReader;
  private readonly dueCache = new Map<string, { reg: string; due: string; fwd: string }>();

  constructor(
    private readonly mapping: ImportMapping,
    header: string[],
    private readonly ctx: MapperContext,
  ) {
    this.reader = new RowReader(header);
  }

  map(rec: string[], row: number): MappedAppeal | Rejection {
    const m = this.mapping;
    const r = this.reader;
    const reasons: string[] = [];
    const bad = (field: string, msg: string) => reasons.push(`${field}: ${msg}`);
    const untranslatable = (field: string, spec: FieldSpec | undefined) =>
      bad(field, `value "${r.col(rec, spec?.column) ?? ''}" is not in the mapping's ${field} values`);

    const sourceId = fieldValue(r, rec, m.fields.sourceId);
    if (!sourceId) bad('sourceId', 'the source id is empty');
    else if (sourceId.length > SOURCE_ID_MAX) bad('sourceId', `at most ${SOURCE_ID_MAX} characters`);

    const receivedRaw = fieldValue(r, rec, m.fields.receivedAt);
    const receivedAt = receivedRaw ? parseSourceTime(receivedRaw, m.timezone) : null;
    if (receivedRaw && !receivedAt) bad('receivedAt', `"${receivedRaw}" is not a date and time`);

    const text = cleanText(fieldValue(r, rec, m.fields.text)) ?? '';
    const summary = cleanText(fieldValue(r, rec, m.fields.summary));
    if (summary && summary.length > SUMMARY_MAX) bad('summary', `at most ${SUMMARY_MAX} characters`);
    const form = fieldValue(r, rec, m.fields.form);
    if (form === undefined) untranslatable('form', m.fields.form);
    const channel = fieldValue(r, rec, m.fields.channel);
    if (channel === undefined) untranslatable('channel', m.fields.channel);
    let language = fieldValue(r, rec, m.fields.language);
    if (language === undefined) untranslatable('language', m.fields.language);

    // the applicant, when the source has one
    let applicant: RegistrationApplicantInput | null = null;
    if (m.applicant) {
      const a = m.applicant;
      const kind = (fieldValue(r, rec, a.kind) ?? 'individual') as RegistrationApplicantInput['kind'];
      const values = {
        fullName: fieldValue(r, rec, a.fullName) ?? null,
        iin: fieldValue(r, rec, a.iin) ?? null,
        organizationName: fieldValue(r, rec, a.organizationName) ?? null,
        bin: fieldValue(r, rec, a.bin) ?? null,
        address: fieldValue(r, rec, a.address) ?? null,
        phone: fieldValue(r, rec, a.phone) ?? null,
        email: fieldValue(r, rec, a.email) ?? null,
      };
      if (Object.values(values).some((v) => v !== null)) applicant = { kind, ...values };
    }

    // the registration rules that apply to a historical record
    const problems = registrationProblems(
      {
        form: form ?? '',
        channel: channel ?? '',
        receivedAt: receivedAt ?? new Date(NaN),
        text,
        summary,
        language: language ?? null,
        applicants: applicant ? [applicant] : [],
        anonymous: false,
      },
      this.ctx.now,
    );
    const registrationDefects: string[] = [];
    for (const p of problems) {
      if (isToleratedDefect(p, text)) {
        registrationDefects.push(`${p.field}: ${p.message}`);
        continue;
      }
      if (p.field === 'applicants' && !applicant && !m.applicant?.required) continue;
      if ((p.field === 'form' && form === undefined) || (p.field === 'channel' && channel === undefined)) continue;
      if (p.field === 'language' && language === undefined) continue;
      if (p.field === 'receivedAt' && receivedRaw && !receivedAt) continue;
      bad(p.field.replace(/^applicants\[0\]/, 'applicant'), p.message);
    }

    // deadlines from the working calendar
    let dates: { reg: string; due: string; fwd: string } | undefined;
    if (receivedAt && form && !reasons.some((x) => x.startsWith('receivedAt') || x.startsWith('form'))) {
      const key = `${form}|${toLocalDate(receivedAt)}|${localMinutesOfDay(receivedAt) < WORKING_DAY_END_MINUTES ? 0 : 1}`;
      try {
        dates = this.dueCache.get(key) ?? {
          reg: registrationDate(this.ctx.calendar, receivedAt),
          due: initialDueDate(this.ctx.calendar, form as AppealForm, receivedAt),
          fwd: forwardingDueDate(this.ctx.calendar, receivedAt),
        };
        if (this.dueCache.size > 50_000) this.dueCache.clear();
        this.dueCache.set(key, dates);
      } catch (e: any) {
        bad('receivedAt', e instanceof RangeError ? `outside the working calendar: ${e.message}` : String(e?.message ?? e));
      }
    }

    // where
    const unitValue = r.col(rec, m.adminUnit.column);
    let adminUnitId: number | null = null;
    if (!unitValue) bad('adminUnit', `the district (${m.adminUnit.column}) is empty`);
    else {
      adminUnitId = this.ctx.adminUnit(unitValue);
      if (adminUnitId === null) bad('adminUnit', `unknown district "${unitValue}" (not in the mapping's units nor in the region)`);
    }

    // the source's topic
    let topic: MappedAppeal['topic'] = null;
    if (m.topic) {
      const v = r.col(rec, m.topic.column);
      if (v) topic = { code: topicCodeFor(m.topic.codePrefix, v), name: (m.topic.nameColumn ? r.col(rec, m.topic.nameColumn) : null) ?? v };
    }

    // the executor
    let executorName: string | null = null;
    if (m.executor) {
      for (const c of m.executor.columns) {
        executorName = r.col(rec, c);
        if (executorName) break;
      }
      if (executorName && executorName.length > ORG_NAME_MAX) bad('executor', `the organization name is over ${ORG_NAME_MAX} characters`);
    }

    // statuses: the timeline, then the final status
    const timeline: TimelineEntry[] = [];
    const statusOf = (source: string): AppealStatus | null => {
      const s = m.status.statuses[source];
      if (s === undefined) {
        bad('status', `unknown source status "${source}" (add it to status.statuses)`);
        return null;
      }
      return s;
    };
    const tl = r.col(rec, m.status.timelineColumn);
    if (tl) {
      const sep = m.status.entrySeparator ?? '|';
      const pair = m.status.pairSeparator ?? '=';
      for (const entry of tl.split(sep)) {
        if (!entry.trim()) continue;
        const k = entry.indexOf(pair);
        const at = k > 0 ? parseSourceTime(entry.slice(0, k), m.timezone) : null;
        if (!at) {
          bad('status', `timeline entry "${entry.slice(0, 80)}" is not "<time>${pair}<status>"`);
          continue;
        }
        const source = entry.slice(k + pair.length).trim();
        const status = statusOf(source);
        if (status) timeline.push({ at, source, status });
      }
    }
    let status: AppealStatus = 'registered';
    const finalRaw = r.col(rec, m.status.finalColumn);
    if (finalRaw) status = statusOf(finalRaw) ?? 'registered';
    else if (timeline.length) status = timeline[timeline.length - 1].status;
    const firstAt = (pred: (s: AppealStatus) => boolean) => timeline.find((e) => pred(e.status))?.at ?? null;

    // the answer
    let answeredAt: Date | null = null;
    let response: MappedAppeal['response'] = null;
    if (m.response) {
      const atRaw = r.col(rec, m.response.atColumn);
      answeredAt = atRaw ? parseSourceTime(atRaw, m.timezone) : null;
      if (atRaw && !answeredAt) bad('response', `"${atRaw}" (${m.response.atColumn}) is not a date and time`);
      const rtext = cleanText(r.col(rec, m.response.textColumn));
      const decision = fieldValue(r, rec, m.response.decision);
      if (decision === undefined) untranslatable('response.decision', m.response.decision);
      if (ANSWERED.has(status) && rtext && decision) {
        response = { text: rtext, at: answeredAt ?? firstAt((s) => ANSWERED.has(s)) ?? receivedAt ?? new Date(NaN), decision: decision as ResponseDecision };
      }
    }
    if (!answeredAt) answeredAt = firstAt((s) => s === 'answered');
    const closedAt = status === 'closed' ? firstAt((s) => s === 'closed') : null;
    const forwardedAt = status === 'forwarded' ? firstAt((s) => s === 'forwarded') ?? receivedAt : null;
    const leftAt = status === 'left_without_consideration' ? firstAt((s) => s === 'left_without_consideration') ?? receivedAt : null;
    const assignedAt = ROUTED.has(status) ? firstAt((s) => ROUTED.has(s)) ?? receivedAt : null;
    let finishedAt: Date | null = null;
    if (ANSWERED.has(status)) finishedAt = answeredAt ?? closedAt;
    else if (status === 'forwarded') finishedAt = forwardedAt;
    else if (status === 'left_without_consideration') finishedAt = leftAt;

    if (reasons.length) return { row, reasons };

    let extras: Record<string, string> | undefined;
    if (m.classifierExtras?.length) {
      extras = {};
      for (const c of m.classifierExtras) {
        const v = r.col(rec, c);
        if (v) extras[c] = v;
      }
    }
    if (!language) language = detectLanguage(text);
    return {
      row,
      sourceId: sourceId!,
      receivedAt: receivedAt!,
      registrationDate: dates!.reg,
      dueDate: dates!.due,
      forwardDueDate: dates!.fwd,
      text,
      summary,
      form: form as AppealForm,
      channel: channel as AppealChannel,
      language: language as Language,
      adminUnitId: adminUnitId!,
      topic,
      executorName,
      status,
      timeline,
      assignedAt,
      answeredAt: ANSWERED.has(status) ? answeredAt ?? closedAt : null,
      closedAt,
      forwardedAt,
      finishedAt,
      response,
      applicant,
      registrationDefects,
      extras,
    };
  }
}

export function isRejection(x: MappedAppeal | Rejection): x is Rejection {
  return (x as Rejection).reasons !== undefined;
}
