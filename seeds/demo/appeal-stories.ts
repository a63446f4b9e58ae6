/**
 * The demo's appeal stories played in memory, by the same rules the use cases apply (src/appeals/appeal.commands.ts):
 * the same authorization, the same status table, the same deadline arithmetic, the same checks in the same order,
 * and the same rows — the appeal, its applicants and their links, assignments, responses, reviews, extensions, the
 * history and the applicants' notices. A step the rules refuse is reported and ends its story, as in the use cases.
 *
 * Nothing here touches the database: `bulk-write.ts` writes what this returns. The test
 * test/api/demo-fast-load.test.ts loads one world both ways and compares the two databases row by row, so this
 * mirror cannot drift from the use cases unnoticed.
 */
import { randomUUID } from 'node:crypto';
import type { Actor } from '../../src/access/actor';
import { primaryRole } from '../../src/access/actor';
import { authorize, isRestrictedToOwnOrganization, type Operation } from '../../src/access/policy';
import { cleanText } from '../../src/appeals/appeal.commands';
import { canDo, nextStatus, type AppealAction, type AppealStatus } from '../../src/appeals/domain/appeal-status';
import { assignmentDueDate } from '../../src/appeals/domain/assignment-rules';
import { EXTENSION_NOTICE_WORKING_DAYS, type AppealForm } from '../../src/appeals/domain/deadline-rules';
import { forwardingDueDate, initialDueDate, registrationDate, validateExtension } from '../../src/appeals/domain/deadlines';
import { assertRegistrable } from '../../src/appeals/domain/registration-requirements';
import { toLocalDate, type WorkingCalendar } from '../../src/calendar/working-calendar';
import { badInput, conflict, notFound } from '../../src/shared/errors';
import type { DemoAppeal, DemoApplicant, DemoStep, DemoWorld } from './generator';

export interface UnitRef { id: number; kato: string; parentId: number | null; isoCode: string | null }
export interface OfficialRef { fullName: string; position: string | null }

export interface StoryRefs {
  calendar: WorkingCalendar;
  units: Map<string, UnitRef>;
  unitsById: Map<number, UnitRef>;
  topics: Map<string, number>;
  orgIds: Map<string, string>;
  /** organization id → its parent's id */
  orgParent: Map<string, string | null>;
  actors: Map<string, Actor>;
  officials: Map<string, OfficialRef>;
  /** registration counters already in the database: `${regionId}|${year}` → last value */
  counters: Map<string, number>;
  requestId: string;
}

export interface AppealRow {
  id: string; region_id: number; registration_number: string; form: string; channel: string; received_at: Date; registered_at: Date;
  registration_date: string; text: string; summary: string | null; language: string; admin_unit_id: number; addressee_id: string;
  registered_by_id: string | null; signatories_count: number | null; anonymous: boolean; repeat_of_id: string | null; out_of_scope: string | null;
  on_control: boolean; control_taken_by_id: string | null; control_taken_at: Date | null; topic_id: number | null; topic_source: string | null;
  topic_confidence: number | null; status: AppealStatus; leave_reason: string | null; status_comment: string | null; due_date: string;
  forward_due_date: string; forwarded_to: string | null; forwarded_at: Date | null; answered_at: Date | null; closed_at: Date | null;
  finished_at: Date | null; version: number; created_at: Date; updated_at: Date; topic_review_required: boolean;
}
export interface ApplicantRow {
  id: string; region_id: number; kind: string; full_name: string | null; iin: string | null; organization_name: string | null; bin: string | null;
  phone: string | null; email: string | null; address: string | null; admin_unit_id: number | null; created_at: Date;
}
export interface AssignmentRow { id: string; region_id: number; appeal_id: string; organization_id: string; role: string; assigned_by_id: string | null; assigned_at: Date; due_date: string; note: string | null }
export interface ResponseRow { id: string; region_id: number; appeal_id: string; assignment_id: string; organization_id: string; author_id: string; text: string; decision: string; submitted_at: Date; round: number; review_state: string }
export interface ReviewRow { id: string; region_id: number; response_id: string; appeal_id: string; reviewer_id: string; verdict: string; reasons: string[]; comment: string | null; reviewed_at: Date }
export interface ExtensionRow { id: string; region_id: number; appeal_id: string; previous_due_date: string; new_due_date: string; reason: string; extended_by_id: string; extended_at: Date; notice_due_date: string }
export interface HistoryRow { region_id: number; entity_type: string; entity_id: string; appeal_id: string; action: string; actor_id: string | null; actor_role: string | null; actor_organization_id: string | null; at: Date; before: Record<string, unknown> | null; after: Record<string, unknown> | null; request_id: string }
export interface NoticeRow { id: string; region_id: number; appeal_id: string; applicant_id: string; kind: string; due_date: string; payload: Record<string, unknown>; next_attempt_at: Date; created_at: Date }

export interface PlannedAppeals {
  appeals: AppealRow[];
  applicants: ApplicantRow[];
  links: { id: string; region_id: number; appeal_id: string; applicant_id: string; position: number }[];
  assignments: AssignmentRow[];
  responses: ResponseRow[];
  reviews: ReviewRow[];
  extensions: ExtensionRow[];
  history: HistoryRow[];
  notices: NoticeRow[];
  counters: { region_id: number; year: number; last_value: number }[];
  appealIds: Map<string, string>;
  refused: { key: string; action: string; message: string }[];
}

/** The appeal fields whose changes the history records (as in the use cases). */
const SNAPSHOT_KEYS = ['status', 'due_date', 'on_control', 'leave_reason', 'status_comment', 'forwarded_to', 'answered_at', 'closed_at', 'finished_at', 'topic_source'] as const;
const SNAPSHOT_NAMES: Record<(typeof SNAPSHOT_KEYS)[number], string> = {
  status: 'status', due_date: 'dueDate', on_control: 'onControl', leave_reason: 'leaveReason', status_comment: 'statusComment',
  forwarded_to: 'forwardedTo', answered_at: 'answeredAt', closed_at: 'closedAt', finished_at: 'finishedAt', topic_source: 'topicSource',
};
type Snapshot = Pick<AppealRow, (typeof SNAPSHOT_KEYS)[number]>;

const json = (v: unknown) => (v instanceof Date ? v.toISOString() : v ?? null);

function diff(before: Snapshot, after: Snapshot) {
  const b: Record<string, unknown> = {};
  const a: Record<string, unknown> = {};
  for (const k of SNAPSHOT_KEYS) {
    const x = json(before[k]);
    const y = json(after[k]);
    if (JSON.stringify(x) !== JSON.stringify(y)) {
      b[SNAPSHOT_NAMES[k]] = x;
      a[SNAPSHOT_NAMES[k]] = y;
    }
  }
  return { before: b, after: a };
}

const snapshot = (a: AppealRow): Snapshot => Object.fromEntries(SNAPSHOT_KEYS.map((k) => [k, a[k]])) as Snapshot;

/** The columns whose change makes the ORM write the appeal row (and so raise its version). */
const changed = (before: AppealRow, after: AppealRow) =>
  (Object.keys(after) as (keyof AppealRow)[]).some((k) => k !== 'version' && JSON.stringify(json(before[k])) !== JSON.stringify(json(after[k])));

export function planAppealStories(world: DemoWorld, refs: StoryRefs): PlannedAppeals {
  const out: PlannedAppeals = {
    appeals: [], applicants: [], links: [], assignments: [], responses: [], reviews: [], extensions: [], history: [], notices: [], counters: [],
    appealIds: new Map(), refused: [],
  };
  const cal = refs.calendar;
  const counters = new Map(refs.counters);
  const applicantBy = new Map<string, ApplicantRow>(); // `${region}|iin|…` / `${region}|bin|…`
  const demoApplicants = new Map(world.applicants.map((a) => [a.key, a]));
  const appealById = new Map<string, AppealRow>();
  const linksOf = new Map<string, string[]>(); // appeal id → applicant ids in position order
  const assignmentsOf = new Map<string, AssignmentRow[]>();
  const responsesOf = new Map<string, ResponseRow[]>();

  const unitByKato = (kato: string) => {
    const u = refs.units.get(kato);
    if (!u) throw new Error(`Demo data names KATO ${kato}, which is not seeded`);
    return u;
  };
  const actorOf = (key: string) => {
    const a = refs.actors.get(key);
    if (!a) throw new Error(`Demo data names official ${key}, who does not exist`);
    return a;
  };
  const history = (actor: Actor, appeal: AppealRow, entityType: string, entityId: string, action: string, at: Date, before: Record<string, unknown> | null, after: Record<string, unknown> | null) =>
    out.history.push({
      region_id: appeal.region_id, entity_type: entityType, entity_id: entityId, appeal_id: appeal.id, action, actor_id: actor.userId,
      actor_role: primaryRole(actor), actor_organization_id: actor.organizationId, at, before, after, request_id: refs.requestId,
    });
  const appealHistory = (actor: Actor, appeal: AppealRow, action: string, at: Date, before: Snapshot, extra?: Record<string, unknown>) => {
    const d = diff(before, snapshot(appeal));
    history(actor, appeal, 'appeal', appeal.id, action, at, d.before, { ...d.after, ...extra });
  };
  const notify = (appeal: AppealRow, kind: string, dueDate: string, payload: Record<string, unknown>, at: Date) => {
    for (const applicantId of linksOf.get(appeal.id) ?? []) {
      out.notices.push({
        id: randomUUID(), region_id: appeal.region_id, appeal_id: appeal.id, applicant_id: applicantId, kind, due_date: dueDate,
        payload: { registrationNumber: appeal.registration_number, language: appeal.language, ...payload }, next_attempt_at: at, created_at: at,
      });
    }
  };

  /** The organization through which the actor works on the appeal (its own, else one it is the parent of). */
  const assignedOrganizationOfActor = (actor: Actor, appealId: string): string | null => {
    const orgId = actor.organizationId;
    if (!orgId) return null;
    const candidates = (assignmentsOf.get(appealId) ?? []).filter((s) => s.organization_id === orgId || refs.orgParent.get(s.organization_id) === orgId);
    candidates.sort((p, q) => Number(q.organization_id === orgId) - Number(p.organization_id === orgId) || Number(q.role === 'lead') - Number(p.role === 'lead'));
    return candidates[0]?.organization_id ?? null;
  };
  const lock = (actor: Actor, appeal: AppealRow) => {
    if (isRestrictedToOwnOrganization(actor) && !assignedOrganizationOfActor(actor, appeal.id)) throw notFound('Appeal', appeal.id);
  };
  const requireOwnAssignment = (actor: Actor, appeal: AppealRow): AssignmentRow => {
    const orgId = assignedOrganizationOfActor(actor, appeal.id);
    const own = (assignmentsOf.get(appeal.id) ?? []).find((s) => s.organization_id === orgId);
    if (!own) throw conflict('Only an organization the appeal is assigned to can work on it', { reason: 'NOT_ASSIGNED' });
    return own;
  };
  const transition = (appeal: AppealRow, action: AppealAction) => {
    appeal.status = nextStatus(appeal.status, action);
  };

  const register = (a: DemoAppeal): AppealRow => {
    const actor = actorOf(a.registeredBy);
    authorize(actor, 'registerAppeal');
    const now = new Date(a.receivedAt);
    const text = cleanText(a.text) ?? '';
    const applicants = (a.anonymous ? [] : a.applicantKeys.map((k) => demoApplicants.get(k)!)).map((p: DemoApplicant) => ({
      kind: p.kind, fullName: cleanText(p.fullName), organizationName: cleanText(p.organizationName), address: cleanText(p.address),
      iin: cleanText(p.iin), bin: cleanText(p.bin), phone: cleanText(p.phone), email: cleanText(p.email), adminUnitKato: p.adminUnitKato,
    }));
    assertRegistrable(
      { form: a.form, channel: a.channel, receivedAt: now, text, summary: a.summary, language: a.language, applicants, anonymous: a.anonymous ?? false, signatoriesCount: a.signatoriesCount, outOfScope: a.outOfScope },
      now,
    );
    if (a.summary && a.summary.length > 500) throw badInput('summary', 'at most 500 characters');
    const unit = unitByKato(a.adminUnitKato);
    const region = unit.parentId != null ? refs.unitsById.get(unit.parentId)! : unit;
    const addresseeId = refs.orgIds.get(a.addresseeOrgKey);
    if (!addresseeId) throw badInput('addresseeId', `No organization ${a.addresseeOrgKey}`);
    const repeatOfId = a.repeatOfKey ? out.appealIds.get(a.repeatOfKey) ?? null : null;
    const topicId = refs.topics.get(a.topicCode) ?? null;

    const year = Number(toLocalDate(now).slice(0, 4));
    const counterKey = `${region.id}|${year}`;
    const number = (counters.get(counterKey) ?? 0) + 1;
    counters.set(counterKey, number);
    const prefix = (region.isoCode ?? `KZ-${region.kato.slice(0, 2)}`).replace(/^KZ-/, '');
    const appeal: AppealRow = {
      id: randomUUID(), region_id: region.id, registration_number: `${prefix}-${year}-${String(number).padStart(6, '0')}`, form: a.form, channel: a.channel,
      received_at: now, registered_at: now, registration_date: registrationDate(cal, now), text, summary: cleanText(a.summary), language: a.language,
      admin_unit_id: unit.id, addressee_id: addresseeId, registered_by_id: actor.userId,
      signatories_count: a.signatoriesCount ?? (applicants.length > 1 ? applicants.length : null), anonymous: a.anonymous ?? false,
      repeat_of_id: repeatOfId, out_of_scope: a.outOfScope ?? null, on_control: false, control_taken_by_id: null, control_taken_at: null,
      topic_id: topicId, topic_source: topicId != null ? 'person' : null, topic_confidence: null, status: 'registered', leave_reason: null,
      status_comment: null, due_date: initialDueDate(cal, a.form as AppealForm, now), forward_due_date: forwardingDueDate(cal, now), forwarded_to: null,
      forwarded_at: null, answered_at: null, closed_at: null, finished_at: null, version: 1, created_at: now, updated_at: now,
      topic_review_required: topicId == null, // no classifier runs while the demo loads: a person decides
    };
    const links: string[] = [];
    applicants.forEach((p, i) => {
      const key = p.kind === 'individual' ? (p.iin ? `${region.id}|iin|${p.iin}` : null) : p.bin ? `${region.id}|bin|${p.bin}` : null;
      let row = key ? applicantBy.get(key) : undefined;
      if (!row) {
        row = { id: randomUUID(), region_id: region.id, kind: p.kind, full_name: null, iin: null, organization_name: null, bin: null, phone: null, email: null, address: null, admin_unit_id: null, created_at: now };
        out.applicants.push(row);
        if (key) applicantBy.set(key, row);
      }
      // contacts refreshed from the latest appeal; identity never changes
      row.full_name = p.fullName ?? row.full_name;
      row.iin = p.iin ?? row.iin;
      row.organization_name = p.organizationName ?? row.organization_name;
      row.bin = p.bin ?? row.bin;
      row.phone = p.phone ?? row.phone;
      row.email = p.email ?? row.email;
      row.address = p.address ?? row.address;
      if (p.adminUnitKato) row.admin_unit_id = unitByKato(p.adminUnitKato).id;
      links.push(row.id);
      out.links.push({ id: randomUUID(), region_id: region.id, appeal_id: appeal.id, applicant_id: row.id, position: i });
    });
    linksOf.set(appeal.id, links);
    const official = actor.userId ? refs.officials.get(actor.userId) : undefined;
    notify(appeal, 'registration', appeal.registration_date, {
      registeredAt: new Date(now.getTime() + 5 * 3_600_000).toISOString().slice(0, 19),
      receivingOfficial: official && official.position != null ? `${official.fullName}, ${official.position}` : null,
    }, now);
    history(actor, appeal, 'appeal', appeal.id, 'register', now, null, {
      registrationNumber: appeal.registration_number, form: appeal.form, channel: appeal.channel, status: appeal.status, dueDate: appeal.due_date,
      outOfScope: appeal.out_of_scope, repeatOfId, applicants: applicants.length,
    });
    return appeal;
  };

  /** One step of a story; throws as the use case would, leaving nothing of the step behind. */
  const play = (appeal: AppealRow, s: DemoStep) => {
    const actor = actorOf(s.actor);
    const now = new Date(s.at);
    const require = (op: Operation) => authorize(actor, op);
    const before = snapshot(appeal);
    switch (s.action) {
      case 'assign': {
        require('routeAppeal');
        const organizationId = refs.orgIds.get(s.orgKey)!;
        lock(actor, appeal);
        if (appeal.out_of_scope) {
          throw conflict(`The appeal belongs to ${appeal.out_of_scope.replace('_', '-')} procedure: it is registered but never routed`, { reason: 'OUT_OF_SCOPE' });
        }
        const existing = assignmentsOf.get(appeal.id) ?? [];
        if (existing.some((x) => x.organization_id === organizationId)) throw conflict('This organization is already assigned to the appeal', { reason: 'ALREADY_ASSIGNED' });
        if (s.role === 'lead' && existing.some((x) => x.role === 'lead')) throw conflict('The appeal already has a lead executor; add a co-executor instead', { reason: 'LEAD_EXISTS' });
        if (s.role === 'co_executor' && !existing.some((x) => x.role === 'lead')) throw conflict('Assign the lead executor first', { reason: 'NO_LEAD' });
        const { dueDate, overdue } = assignmentDueDate(null, appeal.due_date, toLocalDate(now));
        if (appeal.status === 'registered') transition(appeal, 'assign');
        else if (!canDo(appeal.status, 'assign')) transition(appeal, 'assign');
        const row: AssignmentRow = { id: randomUUID(), region_id: appeal.region_id, appeal_id: appeal.id, organization_id: organizationId, role: s.role, assigned_by_id: actor.userId, assigned_at: now, due_date: dueDate, note: null };
        assignmentsOf.set(appeal.id, [...existing, row]);
        out.assignments.push(row);
        appeal.updated_at = now;
        history(actor, appeal, 'assignment', row.id, 'assign', now, null, { organizationId, role: s.role, dueDate, ...(overdue ? { overdueWhenAssigned: true } : {}) });
        if (before.status !== appeal.status) appealHistory(actor, appeal, 'status_change', now, before);
        return;
      }
      case 'start_work':
        require('answerAppeal');
        lock(actor, appeal);
        requireOwnAssignment(actor, appeal);
        transition(appeal, 'start_work');
        appeal.updated_at = now;
        appealHistory(actor, appeal, 'start_work', now, before);
        return;
      case 'respond': {
        require('answerAppeal');
        const text = cleanText(s.text) ?? '';
        if (text.replace(/\s/g, '').length < 20) throw badInput('text', 'A response must answer the appeal on its merits (at least 20 characters)');
        if (text.length > 50_000) throw badInput('text', 'at most 50,000 characters');
        lock(actor, appeal);
        const assignment = requireOwnAssignment(actor, appeal);
        transition(appeal, 'submit_response');
        const earlier = responsesOf.get(appeal.id) ?? [];
        const r: ResponseRow = {
          id: randomUUID(), region_id: appeal.region_id, appeal_id: appeal.id, assignment_id: assignment.id, organization_id: assignment.organization_id,
          author_id: actor.userId!, text, decision: s.decision, submitted_at: now, round: earlier.length + 1, review_state: 'pending',
        };
        responsesOf.set(appeal.id, [...earlier, r]);
        out.responses.push(r);
        appeal.answered_at = now;
        appeal.finished_at = now;
        appeal.updated_at = now;
        history(actor, appeal, 'response', r.id, 'submit_response', now, null, { decision: r.decision, round: r.round, organizationId: assignment.organization_id });
        notify(appeal, 'answer', appeal.due_date, { decision: r.decision, responseId: r.id }, now);
        appealHistory(actor, appeal, 'status_change', now, before);
        return;
      }
      case 'review': {
        require('reviewResponse');
        const reasons = [...new Set(s.reasons ?? [])];
        const comment = cleanText(s.comment);
        if (s.verdict === 'returned') {
          if (reasons.length === 0) throw badInput('reasons', 'Say why the response is returned for rework');
          if (!comment || comment.length < 10) throw badInput('comment', 'Explain what must be reworked (at least 10 characters)');
        } else if (reasons.length) {
          throw badInput('reasons', 'Reasons are given only when returning a response');
        }
        if (comment && comment.length > 5000) throw badInput('comment', 'at most 5,000 characters');
        const r = (responsesOf.get(appeal.id) ?? []).at(-1);
        if (!r) throw notFound('Response', '');
        lock(actor, appeal);
        if (r.review_state !== 'pending') throw conflict(`The response was already ${r.review_state}`, { reason: 'ALREADY_REVIEWED' });
        if (s.verdict === 'accepted') {
          transition(appeal, 'accept_response');
          r.review_state = 'accepted';
        } else {
          transition(appeal, 'return_for_rework');
          r.review_state = 'returned';
          appeal.answered_at = null;
          appeal.finished_at = null;
        }
        out.reviews.push({ id: randomUUID(), region_id: appeal.region_id, response_id: r.id, appeal_id: appeal.id, reviewer_id: actor.userId!, verdict: s.verdict, reasons, comment, reviewed_at: now });
        appeal.updated_at = now;
        history(actor, appeal, 'response', r.id, s.verdict === 'accepted' ? 'accept_response' : 'return_for_rework', now, { reviewState: 'pending' }, { reviewState: r.review_state, reasons, comment });
        if (before.status !== appeal.status) appealHistory(actor, appeal, 'status_change', now, before);
        return;
      }
      case 'close': {
        require('closeAppeal');
        lock(actor, appeal);
        const latest = (responsesOf.get(appeal.id) ?? []).at(-1);
        transition(appeal, 'close');
        if (latest?.review_state !== 'accepted') throw conflict('An appeal is closed only after its response is accepted', { reason: 'RESPONSE_NOT_ACCEPTED' });
        appeal.closed_at = now;
        appeal.updated_at = now;
        appealHistory(actor, appeal, 'close', now, before);
        return;
      }
      case 'forward': {
        require('routeAppeal');
        const to = cleanText(s.toBody);
        const reason = cleanText(s.reason);
        if (!to || to.length < 3 || to.length > 500) throw badInput('to', 'Name the competent body (3–500 characters)');
        if (!reason || reason.length < 10) throw badInput('reason', 'Say why the appeal is outside the competence (at least 10 characters)');
        lock(actor, appeal);
        transition(appeal, 'forward');
        appeal.forwarded_to = to;
        appeal.forwarded_at = now;
        appeal.finished_at = now;
        appeal.status_comment = reason;
        appeal.updated_at = now;
        const late = toLocalDate(now) > appeal.forward_due_date;
        appealHistory(actor, appeal, 'forward', now, before, { forwardedLate: late, forwardDueDate: appeal.forward_due_date });
        notify(appeal, 'forwarding', appeal.forward_due_date, { forwardedTo: appeal.forwarded_to }, now);
        return;
      }
      case 'extend': {
        require('extendDeadline');
        lock(actor, appeal);
        if (!canDo(appeal.status, 'extend_deadline')) transition(appeal, 'extend_deadline');
        const today = toLocalDate(now);
        const reason = cleanText(s.reason) ?? '';
        validateExtension(cal, { form: appeal.form as AppealForm, receivedAt: appeal.received_at, currentDueDate: appeal.due_date, newDueDate: s.newDueDate, reason, today });
        const ext: ExtensionRow = {
          id: randomUUID(), region_id: appeal.region_id, appeal_id: appeal.id, previous_due_date: appeal.due_date, new_due_date: s.newDueDate, reason,
          extended_by_id: actor.userId!, extended_at: now, notice_due_date: cal.addWorkingDays(today, EXTENSION_NOTICE_WORKING_DAYS),
        };
        out.extensions.push(ext);
        for (const x of assignmentsOf.get(appeal.id) ?? []) if (x.due_date === appeal.due_date) x.due_date = s.newDueDate;
        appeal.due_date = s.newDueDate;
        appeal.updated_at = now;
        appealHistory(actor, appeal, 'extend_deadline', now, before, { reason, noticeDueDate: ext.notice_due_date });
        notify(appeal, 'extension', ext.notice_due_date, { newDueDate: ext.new_due_date, reason }, now);
        return;
      }
      case 'leave': {
        require('leaveWithoutConsideration');
        const comment = cleanText(s.comment);
        if (comment && comment.length > 5000) throw badInput('comment', 'at most 5,000 characters');
        lock(actor, appeal);
        if (s.reason === 'anonymous' && !appeal.anonymous) throw badInput('reason', 'The appeal names its applicant; it is not anonymous');
        if (s.reason === 'out_of_scope' && !appeal.out_of_scope) throw badInput('reason', 'Mark the appeal out of scope at registration to leave it for that reason');
        if (s.reason === 'repeated_without_new_arguments' && !appeal.repeat_of_id) throw badInput('reason', 'The appeal is not linked to an earlier appeal it repeats');
        transition(appeal, 'leave_without_consideration');
        appeal.leave_reason = s.reason;
        appeal.status_comment = comment;
        appeal.closed_at = now;
        appeal.finished_at = now;
        appeal.updated_at = now;
        appealHistory(actor, appeal, 'leave_without_consideration', now, before);
        return;
      }
      case 'take_on_control':
        require('takeOnControl');
        lock(actor, appeal);
        if (!canDo(appeal.status, 'take_on_control')) transition(appeal, 'take_on_control');
        if (appeal.on_control) throw conflict('The appeal is already on control', { reason: 'ALREADY_ON_CONTROL' });
        appeal.on_control = true;
        appeal.control_taken_by_id = actor.userId;
        appeal.control_taken_at = now;
        appeal.updated_at = now;
        appealHistory(actor, appeal, 'take_on_control', now, before);
        return;
    }
  };

  for (const a of world.appeals) {
    let appeal: AppealRow;
    try {
      appeal = register(a);
    } catch (e: any) {
      out.refused.push({ key: a.key, action: 'register', message: e?.message ?? String(e) });
      continue;
    }
    out.appeals.push(appeal);
    appealById.set(appeal.id, appeal);
    out.appealIds.set(a.key, appeal.id);
    for (const s of a.steps) {
      // A refused step leaves nothing behind: play it on copies and keep them only when it succeeds.
      const mark = { history: out.history.length, notices: out.notices.length, assignments: out.assignments.length, responses: out.responses.length, reviews: out.reviews.length, extensions: out.extensions.length };
      const saved = { ...appeal };
      const savedAssignments = (assignmentsOf.get(appeal.id) ?? []).map((x) => ({ ...x }));
      const savedResponses = (responsesOf.get(appeal.id) ?? []).map((x) => ({ ...x }));
      try {
        play(appeal, s);
        if (changed(saved, appeal)) appeal.version = saved.version + 1;
      } catch (e: any) {
        Object.assign(appeal, saved);
        (assignmentsOf.get(appeal.id) ?? []).forEach((x, i) => savedAssignments[i] && Object.assign(x, savedAssignments[i]));
        (responsesOf.get(appeal.id) ?? []).forEach((x, i) => savedResponses[i] && Object.assign(x, savedResponses[i]));
        assignmentsOf.set(appeal.id, (assignmentsOf.get(appeal.id) ?? []).slice(0, savedAssignments.length));
        responsesOf.set(appeal.id, (responsesOf.get(appeal.id) ?? []).slice(0, savedResponses.length));
        out.history.length = mark.history;
        out.notices.length = mark.notices;
        out.assignments.length = mark.assignments;
        out.responses.length = mark.responses;
        out.reviews.length = mark.reviews;
        out.extensions.length = mark.extensions;
        out.refused.push({ key: a.key, action: s.action, message: e?.message ?? String(e) });
        break; // the rest of the story depends on this step
      }
    }
  }
  for (const [key, last] of counters) {
    const [regionId, year] = key.split('|').map(Number);
    if (refs.counters.get(key) !== last) out.counters.push({ region_id: regionId, year, last_value: last });
  }
  return out;
}
