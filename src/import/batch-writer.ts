/**
 * Writes one batch of mapped appeals: skips those already imported (same source system and id), gives the rest
 * registration numbers from the region's counter (the same sequence registration uses), and writes the appeals,
 * their applicants, assignments, responses and one 'import' history record each with COPY, all in one transaction.
 */
import { randomUUID } from 'node:crypto';
import { toLocalDate } from '../calendar/working-calendar';
import type { ImportConnection } from './connection';
import { flushRows, TableRows, type WriteMode } from './copy';
import type { ImportMapping } from './mapping';
import { executorSpec, type OrganizationCache, type RegionRef, type TopicCache } from './references';
import type { MappedAppeal } from './row-mapper';

/** The classifier's suggestion for one appeal (null: no model, or a label the topic tree does not have). */
export interface Suggestion {
  topicId: number;
  probability: number;
}

export interface BatchContext {
  db: ImportConnection;
  mapping: ImportMapping;
  region: RegionRef;
  addresseeId: string;
  authorId: string;
  topics: TopicCache;
  orgs: OrganizationCache;
  mode: WriteMode;
  runId: string;
  fileName: string;
  now: Date;
  modelVersion: number | null;
  threshold: number;
}

export interface BatchResult {
  imported: number;
  duplicates: number;
  /** Imported records kept with the registration rules they fail (APPK art. 63; see row-mapper). */
  withRegistrationDefects: number;
  /** Appeals given the machine's topic suggestion. */
  suggested: number;
  responses: number;
  assignments: number;
  applicants: number;
  confident: number;
  reviewRequired: number;
  createdTopics: number;
  createdOrganizations: number;
  firstNumber: string | null;
  lastNumber: string | null;
  /** Time spent writing each table (COPY or INSERT, triggers and indexes included), ms. */
  writeMs: Record<string, number>;
}

export const APPEAL_COLUMNS = [
  'id', 'region_id', 'registration_number', 'form', 'channel', 'received_at', 'registered_at', 'registration_date', 'text', 'summary',
  'language', 'admin_unit_id', 'addressee_id', 'anonymous', 'on_control', 'topic_id', 'topic_source', 'topic_confidence',
  'machine_topic_id', 'machine_topic_confidence', 'machine_model_version', 'topic_review_required', 'status', 'due_date',
  'forward_due_date', 'forwarded_at', 'answered_at', 'closed_at', 'finished_at', 'source_system', 'source_id', 'version',
  'created_at', 'updated_at', 'registration_defects',
] as const;
const ASSIGNMENT_COLUMNS = ['id', 'region_id', 'appeal_id', 'organization_id', 'role', 'assigned_by_id', 'assigned_at', 'due_date'] as const;
const RESPONSE_COLUMNS = [
  'id', 'region_id', 'appeal_id', 'assignment_id', 'organization_id', 'author_id', 'text', 'decision', 'submitted_at', 'round', 'review_state',
] as const;
const APPLICANT_COLUMNS = ['id', 'region_id', 'kind', 'full_name', 'iin', 'organization_name', 'bin', 'phone', 'email', 'address', 'created_at'] as const;
const LINK_COLUMNS = ['id', 'region_id', 'appeal_id', 'applicant_id', 'position'] as const;
const HISTORY_COLUMNS = ['region_id', 'entity_type', 'entity_id', 'appeal_id', 'action', 'actor_role', 'at', 'after', 'request_id'] as const;

/**
 * Reference data the rows name (topics of the source's classification, executing organizations), created once on
 * first sight. Runs before the batch is handed to a writer, one batch at a time, so parallel writers never race to
 * create the same organization.
 */
export async function ensureReferences(ctx: Pick<BatchContext, 'mapping' | 'topics' | 'orgs'>, batch: MappedAppeal[]): Promise<{ topics: number; organizations: number }> {
  const wantedTopics = new Map<string, string>();
  for (const a of batch) if (a.topic && ctx.topics.id(a.topic.code) === undefined) wantedTopics.set(a.topic.code, a.topic.name);
  const topics = await ctx.topics.ensure(ctx.mapping, wantedTopics);
  let organizations = 0;
  if (ctx.mapping.executor) {
    for (const a of batch) {
      const name = a.executorName;
      if (name && ctx.orgs.get(name) === undefined && (await ctx.orgs.ensure(executorSpec(ctx.mapping, name))).created) organizations++;
    }
  }
  return { topics, organizations };
}

/** A unique violation on the source id: another batch in flight holds the same row (the file repeats it). */
export function isConcurrentDuplicate(e: any): boolean {
  return e?.code === '23505' && String(e?.constraint ?? '') === 'appeal_source_system_source_id_unique';
}

/**
 * `classify` is called with the rows that are really new (after the duplicates are set aside), and returns the
 * machine's suggestion for each, in order.
 */
export async function writeBatch(
  ctx: BatchContext,
  batch: MappedAppeal[],
  classify: (rows: MappedAppeal[]) => (Suggestion | null)[],
): Promise<BatchResult> {
  const { db, mapping, region } = ctx;
  const result: BatchResult = {
    imported: 0, duplicates: 0, withRegistrationDefects: 0, suggested: 0, responses: 0, assignments: 0, applicants: 0, confident: 0, reviewRequired: 0,
    createdTopics: 0, createdOrganizations: 0, firstNumber: null, lastNumber: null, writeMs: {},
  };

  // 1. what is new: not repeated earlier in the batch, not imported before
  const seen = new Set<string>();
  const fresh: number[] = [];
  for (let i = 0; i < batch.length; i++) {
    if (seen.has(batch[i].sourceId)) result.duplicates++;
    else {
      seen.add(batch[i].sourceId);
      fresh.push(i);
    }
  }
  const existing = new Set(
    (
      await db.q<{ source_id: string }>('select source_id from appeal where source_system = ? and source_id = any(?::text[])', [
        mapping.sourceSystem,
        [...seen],
      ])
    ).map((r) => r.source_id),
  );
  const todo = fresh.filter((i) => !existing.has(batch[i].sourceId));
  result.duplicates += fresh.length - todo.length;
  if (!todo.length) return result;
  const suggestions = new Map<number, Suggestion | null>();
  classify(todo.map((i) => batch[i])).forEach((x, k) => suggestions.set(todo[k], x));

  // 3. applicants: the same IIN / BIN in the region is the same person
  const keep = ctx.mode === 'insert';
  const applicants = new TableRows('applicant', APPLICANT_COLUMNS, keep);
  const links = new TableRows('appeal_applicant', LINK_COLUMNS, keep);
  const applicantIds = new Map<number, string>();
  const withApplicant = todo.filter((i) => batch[i].applicant);
  if (withApplicant.length) {
    const iins = withApplicant.map((i) => batch[i].applicant!.iin).filter((x): x is string => Boolean(x));
    const bins = withApplicant.map((i) => batch[i].applicant!.bin).filter((x): x is string => Boolean(x));
    const known = new Map<string, string>();
    for (const r of await db.q<{ id: string; iin: string | null; bin: string | null }>(
      'select id, iin, bin from applicant where region_id = ? and (iin = any(?::text[]) or bin = any(?::text[]))',
      [region.id, iins, bins],
    )) {
      if (r.iin) known.set(`i${r.iin}`, r.id);
      if (r.bin) known.set(`b${r.bin}`, r.id);
    }
    for (const i of withApplicant) {
      const a = batch[i].applicant!;
      const key = a.kind === 'legal' ? (a.bin ? `b${a.bin}` : null) : a.iin ? `i${a.iin}` : null;
      let id = key ? known.get(key) : undefined;
      if (!id) {
        id = randomUUID();
        if (key) known.set(key, id);
        applicants.add([id, region.id, a.kind, a.fullName ?? null, a.iin ?? null, a.organizationName ?? null, a.bin ?? null, a.phone ?? null, a.email ?? null, a.address ?? null, ctx.now]);
      }
      applicantIds.set(i, id);
    }
  }

  // 4. rows
  const appeals = new TableRows('appeal', APPEAL_COLUMNS, keep);
  const assignments = new TableRows('assignment', ASSIGNMENT_COLUMNS, keep);
  const responses = new TableRows('response', RESPONSE_COLUMNS, keep);
  const history = new TableRows('history_event', HISTORY_COLUMNS, keep);

  // registration numbers: one step of the region's counter per year for the whole batch, taken in its own short
  // statement (not held for the batch's transaction, so parallel writers and registerAppeal do not queue behind
  // it; a batch that fails leaves a gap in the numbers, never a duplicate)
  const perYear = new Map<number, number[]>();
  for (const i of todo) {
    const y = Number(toLocalDate(batch[i].receivedAt).slice(0, 4));
    let list = perYear.get(y);
    if (!list) perYear.set(y, (list = []));
    list.push(i);
  }
  const numbers = new Map<number, string>();
  for (const [year, rows] of perYear) {
    const [{ last_value: last }] = await db.q<{ last_value: number }>(
      `insert into registration_counter (region_id, year, last_value) values (?, ?, ?)
       on conflict (region_id, year) do update set last_value = registration_counter.last_value + excluded.last_value
       returning last_value`,
      [region.id, year, rows.length],
    );
    let n = last - rows.length;
    for (const i of rows) numbers.set(i, `${region.prefix}-${year}-${String(++n).padStart(6, '0')}`);
  }

  const appealIds: string[] = [];
  return db.tx(async () => {
    for (const i of todo) {
      const a = batch[i];
      const id = randomUUID();
      appealIds.push(id);
      const number = numbers.get(i)!;
      result.firstNumber ??= number;
      result.lastNumber = number;
      const s = suggestions.get(i) ?? null;
      if (s) result.suggested++;
      const sourceTopicId = a.topic ? ctx.topics.id(a.topic.code) ?? null : null;
      let topicId: number | null = sourceTopicId;
      let topicSource: 'person' | 'machine' | null = sourceTopicId ? 'person' : null;
      let topicConfidence: number | null = null;
      let review = false;
      if (s && s.probability >= ctx.threshold) result.confident++;
      if (!topicId) {
        if (s && s.probability >= ctx.threshold) {
          topicId = s.topicId;
          topicSource = 'machine';
          topicConfidence = s.probability;
        } else review = true;
      }
      if (review) result.reviewRequired++;
      appeals.add([
        id, region.id, number, a.form, a.channel, a.receivedAt, a.receivedAt, a.registrationDate, a.text, a.summary,
        a.language, a.adminUnitId, ctx.addresseeId, false, false, topicId, topicSource, topicConfidence,
        s?.topicId ?? null, s?.probability ?? null, s ? ctx.modelVersion : null, review, a.status, a.dueDate,
        a.forwardDueDate, a.forwardedAt, a.answeredAt, a.closedAt, a.finishedAt, mapping.sourceSystem, a.sourceId, 1,
        ctx.now, ctx.now, a.registrationDefects.length ? a.registrationDefects : null,
      ]);
      if (a.registrationDefects.length) result.withRegistrationDefects++;
      const executorId = a.executorName ? ctx.orgs.get(a.executorName) ?? null : null;
      let assignmentId: string | null = null;
      if (executorId && a.assignedAt) {
        assignmentId = randomUUID();
        assignments.add([assignmentId, region.id, id, executorId, 'lead', null, a.assignedAt, a.dueDate]);
        result.assignments++;
      }
      if (a.response) {
        responses.add([
          randomUUID(), region.id, id, assignmentId, executorId ?? ctx.addresseeId, ctx.authorId, a.response.text, a.response.decision,
          a.response.at, 1, a.status === 'closed' ? 'accepted' : 'pending',
        ]);
        result.responses++;
      }
      const applicantId = applicantIds.get(i);
      if (applicantId) {
        links.add([randomUUID(), region.id, id, applicantId, 0]);
        result.applicants++;
      }
      history.add([
        region.id, 'appeal', id, id, 'import', 'system', ctx.now,
        {
          sourceSystem: mapping.sourceSystem,
          sourceId: a.sourceId,
          file: ctx.fileName,
          row: a.row,
          registrationNumber: number,
          status: a.status,
          dueDate: a.dueDate,
          ...(a.registrationDefects.length ? { registrationDefects: a.registrationDefects } : {}),
          timeline: a.timeline.map((e) => ({ at: e.at.toISOString(), status: e.status, source: e.source })),
        },
        ctx.runId,
      ]);
    }
    // the analytics facts of the batch refreshed once, after every table is written (not by each COPY's trigger)
    await db.q("select set_config('baqylau.rollups_deferred', 'on', true)");
    for (const t of [applicants, appeals, links, assignments, responses, history]) {
      const t0 = performance.now();
      await flushRows(db.client, t, ctx.mode);
      result.writeMs[t.table] = performance.now() - t0;
    }
    const t0 = performance.now();
    await db.q("select set_config('baqylau.rollups_deferred', 'off', true)");
    await db.q('select appeal_fact_refresh(?::uuid[])', [`{${appealIds.join(',')}}`]);
    result.writeMs.appeal_fact = performance.now() - t0;
    result.imported = todo.length;
    return result;
  });
}
