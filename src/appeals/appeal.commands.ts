import { LockMode, type EntityManager } from '@mikro-orm/postgresql';
import { isRestrictedToOwnOrganization, authorize } from '../access/policy';
import { toLocalDate } from '../calendar/working-calendar';
import { Applicant } from '../applicants/applicant.entity';
import { query, queryOne } from '../db/sql';
import { AdminUnit } from '../geo/admin-unit.entity';
import { diff, recordHistory } from '../history/record';
import { Organization } from '../organizations/organization.entity';
import { ResponseReview } from '../responses/response-review.entity';
import { Response } from '../responses/response.entity';
import type { CommandContext } from '../shared/command-context';
import { badInput, conflict, invalidFields, notFound, type FieldProblem } from '../shared/errors';
import { Topic } from '../topics/topic.entity';
import { User } from '../users/user.entity';
import { AppealApplicant } from './appeal-applicant.entity';
import { Appeal } from './appeal.entity';
import { Assignment } from './assignment.entity';
import { DeadlineExtension } from './deadline-extension.entity';
import { assignmentDueDate } from './domain/assignment-rules';
import { canDo, nextStatus, type AppealAction, type LeaveReason } from './domain/appeal-status';
import { EXTENSION_NOTICE_WORKING_DAYS, type AppealForm } from './domain/deadline-rules';
import { forwardingDueDate, initialDueDate, registrationDate, validateExtension } from './domain/deadlines';
import { assertRegistrable, type RegistrationApplicantInput } from './domain/registration-requirements';
import { TOPIC_CONFIDENCE_THRESHOLD } from '../classifier/registry';
import { detectLanguage } from '../classifier/text';
import { notifyApplicants } from '../notifications/outbox';
import type {
  AppealChannel,
  AssignmentRole,
  Language,
  OutOfScopeKind,
  ResponseDecision,
  ReviewVerdict,
  ReworkReason,
} from './domain/vocabulary';

export interface RegisterAppealInput {
  form: AppealForm;
  channel: AppealChannel;
  receivedAt: Date;
  text: string;
  summary?: string | null;
  language?: Language | null;
  adminUnitId: string;
  addresseeId: string;
  applicants: (RegistrationApplicantInput & { adminUnitId?: string | null })[];
  anonymous?: boolean | null;
  signatoriesCount?: number | null;
  repeatOfId?: string | null;
  outOfScope?: OutOfScopeKind | null;
  topicId?: string | null;
  idempotencyKey?: string | null;
}

const APPEAL_SNAPSHOT_KEYS: (keyof Appeal)[] = [
  'status',
  'dueDate',
  'onControl',
  'leaveReason',
  'statusComment',
  'forwardedTo',
  'answeredAt',
  'closedAt',
  'finishedAt',
  'topicSource',
];

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function assertUuid(field: string, id: string | null | undefined): asserts id is string {
  if (!id || !UUID.test(id)) throw badInput(field, `${field} must be an ID`);
}

function assertIntId(field: string, id: string | null | undefined): number {
  const n = Number(id);
  if (!id || !Number.isInteger(n) || n <= 0 || n > 2_147_483_647) throw badInput(field, `${field} must be an ID`);
  return n;
}

export function cleanText(s: string | null | undefined): string | null {
  if (s == null) return null;
  // Control characters other than tab/newline are never meaningful in an appeal.
  const t = s.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g, '').trim();
  return t === '' ? null : t;
}

/**
 * The appeal's use cases. Each runs in one transaction, locks the appeal row, checks the move against the
 * status table, and writes the change and its history record together (all or nothing).
 */
export class AppealCommands {
  constructor(private readonly ctx: CommandContext) {}

  private get now() {
    return this.ctx.now();
  }

  private async tx<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    return this.ctx.em.transactional((em) => work(em as EntityManager));
  }

  /** Loads and locks an appeal the actor may act on; others' appeals are NOT_FOUND to an executor. */
  private async lockAppeal(em: EntityManager, id: string, expectedVersion?: number | null): Promise<Appeal> {
    assertUuid('appealId', id);
    const appeal = await em.findOne(Appeal, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
    if (!appeal) throw notFound('Appeal', id);
    if (isRestrictedToOwnOrganization(this.ctx.actor)) {
      const own = await this.assignedOrganizationOfActor(em, appeal.id);
      if (!own) throw notFound('Appeal', id);
    }
    if (expectedVersion != null && expectedVersion !== appeal.version) {
      throw conflict(`The appeal was changed by someone else (version ${appeal.version}, you had ${expectedVersion})`, {
        reason: 'STALE_VERSION',
        currentVersion: appeal.version,
      });
    }
    return appeal;
  }

  /** The assignment through which the actor's organization (or one above it) works on the appeal. */
  private async assignedOrganizationOfActor(em: EntityManager, appealId: string): Promise<string | null> {
    const orgId = this.ctx.actor.organizationId;
    if (!orgId) return null;
    const row = await queryOne<{ organization_id: string }>(
      em,
      `select s.organization_id from assignment s
         join organization o on o.id = s.organization_id
        where s.appeal_id = ? and (s.organization_id = ? or o.parent_id = ?)
        order by (s.organization_id = ?) desc, (s.role = 'lead') desc limit 1`,
      [appealId, orgId, orgId, orgId],
    );
    return row?.organization_id ?? null;
  }

  private transition(appeal: Appeal, action: AppealAction) {
    appeal.status = nextStatus(appeal.status, action);
  }

  private snapshot(appeal: Appeal) {
    return Object.fromEntries(APPEAL_SNAPSHOT_KEYS.map((k) => [k, appeal[k]])) as Partial<Appeal>;
  }

  private history(em: EntityManager, appeal: Appeal, action: string, before: Partial<Appeal>, extra?: Record<string, unknown>) {
    const d = diff(before, this.snapshot(appeal), APPEAL_SNAPSHOT_KEYS as (keyof Partial<Appeal>)[]);
    recordHistory(
      em,
      this.ctx,
      {
        regionId: appeal.region.id,
        entityType: 'appeal',
        entityId: appeal.id,
        appealId: appeal.id,
        action,
        before: d.before,
        after: { ...d.after, ...extra },
      },
      this.now,
    );
  }

  async register(input: RegisterAppealInput): Promise<Appeal> {
    authorize(this.ctx.actor, 'registerAppeal');
    const now = this.now;
    const text = cleanText(input.text) ?? '';
    const applicants = (input.applicants ?? []).map((a) => ({
      ...a,
      fullName: cleanText(a.fullName),
      organizationName: cleanText(a.organizationName),
      address: cleanText(a.address),
      iin: cleanText(a.iin),
      bin: cleanText(a.bin),
      phone: cleanText(a.phone),
      email: cleanText(a.email),
    }));
    const problems: FieldProblem[] = [];
    try {
      assertRegistrable(
        {
          form: input.form,
          channel: input.channel,
          receivedAt: input.receivedAt,
          text,
          summary: input.summary,
          language: input.language,
          applicants,
          anonymous: input.anonymous ?? false,
          signatoriesCount: input.signatoriesCount,
          outOfScope: input.outOfScope,
        },
        now,
      );
    } catch (e: any) {
      if (e?.details?.problems) problems.push(...e.details.problems);
      else throw e;
    }
    if (input.summary && input.summary.length > 500) problems.push({ field: 'summary', message: 'at most 500 characters' });
    if (input.idempotencyKey != null && !/^[\w.:-]{8,128}$/.test(input.idempotencyKey)) {
      problems.push({ field: 'idempotencyKey', message: '8–128 letters, digits, ".", ":", "_" or "-"' });
    }
    if (problems.length) throw invalidFields(problems);
    const adminUnitId = assertIntId('adminUnitId', input.adminUnitId);
    assertUuid('addresseeId', input.addresseeId);
    if (input.repeatOfId != null) assertUuid('repeatOfId', input.repeatOfId);
    const topicId = input.topicId != null ? assertIntId('topicId', input.topicId) : null;
    applicants.forEach((a, i) => {
      if (a.adminUnitId != null) assertIntId(`applicants[${i}].adminUnitId`, a.adminUnitId);
    });

    if (input.idempotencyKey) {
      const existing = await this.ctx.em.findOne(Appeal, { idempotencyKey: input.idempotencyKey });
      if (existing) return existing;
    }

    try {
      return await this.tx(async (em) => {
        const unit = await em.findOne(AdminUnit, { id: adminUnitId });
        if (!unit) throw badInput('adminUnitId', `No admin unit ${input.adminUnitId}`);
        const region = unit.parent ? await em.findOneOrFail(AdminUnit, { id: unit.parent.id }) : unit;
        const addressee = await em.findOne(Organization, { id: input.addresseeId });
        if (!addressee) throw badInput('addresseeId', `No organization ${input.addresseeId}`);
        let repeatOf: Appeal | null = null;
        if (input.repeatOfId) {
          repeatOf = await em.findOne(Appeal, { id: input.repeatOfId });
          if (!repeatOf) throw badInput('repeatOfId', `No appeal ${input.repeatOfId}`);
        }
        let topic: Topic | null = null;
        if (topicId != null) {
          topic = await em.findOne(Topic, { id: topicId });
          if (!topic) throw badInput('topicId', `No topic ${input.topicId}`);
        }

        const year = Number(toLocalDate(input.receivedAt).slice(0, 4));
        const counter = await queryOne<{ last_value: number }>(
          em,
          `insert into registration_counter (region_id, year, last_value) values (?, ?, 1)
           on conflict (region_id, year) do update set last_value = registration_counter.last_value + 1
           returning last_value`,
          [region.id, year],
        );
        const prefix = (region.isoCode ?? `KZ-${region.kato.slice(0, 2)}`).replace(/^KZ-/, '');
        const appeal = new Appeal();
        appeal.region = em.getReference(AdminUnit, region.id) as any;
        appeal.registrationNumber = `${prefix}-${year}-${String(counter!.last_value).padStart(6, '0')}`;
        appeal.form = input.form;
        appeal.channel = input.channel;
        appeal.receivedAt = input.receivedAt;
        appeal.registeredAt = now;
        appeal.registrationDate = registrationDate(this.ctx.calendar, input.receivedAt);
        appeal.text = text;
        appeal.summary = cleanText(input.summary);
        appeal.language = input.language ?? detectLanguage(text);
        appeal.adminUnit = unit as any;
        appeal.addressee = addressee as any;
        appeal.registeredBy = this.ctx.actor.userId ? (em.getReference(User, this.ctx.actor.userId) as any) : null;
        appeal.signatoriesCount = input.signatoriesCount ?? (applicants.length > 1 ? applicants.length : null);
        appeal.anonymous = input.anonymous ?? false;
        appeal.repeatOf = repeatOf as any;
        appeal.outOfScope = input.outOfScope ?? null;
        appeal.topic = topic as any;
        appeal.topicSource = topic ? 'person' : null;
        this.classify(appeal);
        appeal.dueDate = initialDueDate(this.ctx.calendar, input.form, input.receivedAt);
        appeal.forwardDueDate = forwardingDueDate(this.ctx.calendar, input.receivedAt);
        appeal.idempotencyKey = input.idempotencyKey ?? null;
        appeal.createdAt = now;
        appeal.updatedAt = now;
        em.persist(appeal);

        for (const [i, a] of applicants.entries()) {
          const applicant = await this.findOrCreateApplicant(em, region, a, i);
          const link = new AppealApplicant();
          link.region = appeal.region;
          link.appeal = appeal as any;
          link.applicant = applicant as any;
          link.position = i;
          em.persist(link);
        }
        await em.flush();
        await notifyApplicants(em, this.ctx, appeal, { kind: 'registration' }); // APPK art. 64: the talon
        recordHistory(
          em,
          this.ctx,
          {
            regionId: region.id,
            entityType: 'appeal',
            entityId: appeal.id,
            appealId: appeal.id,
            action: 'register',
            after: {
              registrationNumber: appeal.registrationNumber,
              form: appeal.form,
              channel: appeal.channel,
              status: appeal.status,
              dueDate: appeal.dueDate,
              outOfScope: appeal.outOfScope,
              repeatOfId: repeatOf?.id ?? null,
              applicants: applicants.length,
            },
          },
          now,
        );
        await em.flush();
        return appeal;
      });
    } catch (e: any) {
      // Two retries with the same key racing: the loser returns the winner's appeal.
      if (input.idempotencyKey && (e?.code === '23505' || e?.constructor?.name === 'UniqueConstraintViolationException')) {
        const existing = await this.ctx.em.fork().findOne(Appeal, { idempotencyKey: input.idempotencyKey });
        if (existing) return existing;
      }
      throw e;
    }
  }

  /**
   * The machine's topic, kept apart from a person's: it becomes the appeal's topic only when confident and no
   * person chose one; otherwise the appeal is marked for a person to decide.
   */
  private classify(appeal: Appeal) {
    const registry = this.ctx.classifiers;
    const model = registry?.get('topic');
    const [best] = registry && model ? registry.suggestTopics(appeal.text, 1) : [];
    if (best) {
      appeal.machineTopic = this.ctx.em.getReference(Topic, Number(best.topicId)) as any;
      appeal.machineTopicConfidence = best.probability;
      appeal.machineModelVersion = model!.version;
    }
    if (appeal.topic) return;
    if (best && best.probability >= TOPIC_CONFIDENCE_THRESHOLD) {
      appeal.topic = appeal.machineTopic;
      appeal.topicSource = 'machine';
      appeal.topicConfidence = best.probability;
    } else {
      appeal.topicReviewRequired = true;
    }
  }

  /** A person sets or confirms the topic; the machine's suggestion stays on record beside it. */
  async confirmTopic(appealId: string, topicId: string, expectedVersion?: number | null): Promise<Appeal> {
    authorize(this.ctx.actor, 'confirmTopic');
    const id = assertIntId('topicId', topicId);
    return this.tx(async (em) => {
      const appeal = await this.lockAppeal(em, appealId, expectedVersion);
      const topic = await em.findOne(Topic, { id });
      if (!topic) throw badInput('topicId', `No topic ${topicId}`);
      const before = { ...this.snapshot(appeal), topicId: appeal.topic?.id ?? null, topicReviewRequired: appeal.topicReviewRequired };
      appeal.topic = topic as any;
      appeal.topicSource = 'person';
      appeal.topicConfidence = null;
      appeal.topicReviewRequired = false;
      appeal.updatedAt = this.now;
      recordHistory(
        em,
        this.ctx,
        {
          regionId: appeal.region.id,
          entityType: 'appeal',
          entityId: appeal.id,
          appealId: appeal.id,
          action: 'confirm_topic',
          before: { topicId: before.topicId, topicSource: before.topicSource ?? null, topicReviewRequired: before.topicReviewRequired },
          after: {
            topicId: topic.id,
            topicSource: 'person',
            machineTopicId: appeal.machineTopic?.id ?? null,
            machineTopicConfidence: appeal.machineTopicConfidence ?? null,
          },
        },
        this.now,
      );
      await em.flush();
      return appeal;
    });
  }

  /** A history record of a change to something inside the appeal (an assignment, a response). */
  private childHistory(
    em: EntityManager,
    appeal: Appeal,
    entityType: 'assignment' | 'response',
    entityId: string,
    action: string,
    before: Record<string, unknown> | null,
    after: Record<string, unknown>,
  ) {
    recordHistory(em, this.ctx, { regionId: appeal.region.id, entityType, entityId, appealId: appeal.id, action, before, after }, this.now);
  }

  private async findOrCreateApplicant(
    em: EntityManager,
    region: AdminUnit,
    a: RegistrationApplicantInput & { adminUnitId?: string | null },
    i: number,
  ): Promise<Applicant> {
    const key = a.kind === 'individual' ? { iin: a.iin } : { bin: a.bin };
    let applicant = (key.iin || key.bin) ? await em.findOne(Applicant, { region: region.id, ...key }) : null;
    if (!applicant) {
      applicant = new Applicant();
      applicant.region = em.getReference(AdminUnit, region.id) as any;
      applicant.kind = a.kind;
      applicant.createdAt = this.now;
      em.persist(applicant);
    }
    // Contacts are refreshed from the latest appeal; identity (IIN/BIN) never changes.
    applicant.fullName = a.fullName ?? applicant.fullName ?? null;
    applicant.iin = a.iin ?? applicant.iin ?? null;
    applicant.organizationName = a.organizationName ?? applicant.organizationName ?? null;
    applicant.bin = a.bin ?? applicant.bin ?? null;
    applicant.phone = a.phone ?? applicant.phone ?? null;
    applicant.email = a.email ?? applicant.email ?? null;
    applicant.address = a.address ?? applicant.address ?? null;
    if (a.adminUnitId) {
      const unit = await em.findOne(AdminUnit, { id: Number(a.adminUnitId) });
      if (!unit) throw badInput(`applicants[${i}].adminUnitId`, `No admin unit ${a.adminUnitId}`);
      applicant.adminUnit = unit as any;
    }
    return applicant;
  }

  async assign(
    appealId: string,
    input: { organizationId: string; role?: AssignmentRole | null; dueDate?: string | null; note?: string | null; expectedVersion?: number | null },
  ): Promise<Appeal> {
    authorize(this.ctx.actor, 'routeAppeal');
    assertUuid('organizationId', input.organizationId);
    const role = input.role ?? 'lead';
    return this.tx(async (em) => {
      const appeal = await this.lockAppeal(em, appealId, input.expectedVersion);
      if (appeal.outOfScope) {
        throw conflict(`The appeal belongs to ${appeal.outOfScope.replace('_', '-')} procedure: it is registered but never routed`, {
          reason: 'OUT_OF_SCOPE',
        });
      }
      const org = await em.findOne(Organization, { id: input.organizationId });
      if (!org) throw badInput('organizationId', `No organization ${input.organizationId}`);
      const existing = await em.find(Assignment, { appeal: appeal.id });
      if (existing.some((s) => s.organization.id === org.id)) {
        throw conflict('This organization is already assigned to the appeal', { reason: 'ALREADY_ASSIGNED' });
      }
      if (role === 'lead' && existing.some((s) => s.role === 'lead')) {
        throw conflict('The appeal already has a lead executor; add a co-executor instead', { reason: 'LEAD_EXISTS' });
      }
      if (role === 'co_executor' && !existing.some((s) => s.role === 'lead')) {
        throw conflict('Assign the lead executor first', { reason: 'NO_LEAD' });
      }
      const { dueDate, overdue } = assignmentDueDate(input.dueDate, appeal.dueDate, toLocalDate(this.now));
      const before = this.snapshot(appeal);
      if (appeal.status === 'registered') this.transition(appeal, 'assign');
      else if (!canDo(appeal.status, 'assign')) this.transition(appeal, 'assign'); // throws CONFLICT
      const s = new Assignment();
      s.region = appeal.region;
      s.appeal = appeal as any;
      s.organization = org as any;
      s.role = role;
      s.assignedBy = this.ctx.actor.userId ? (em.getReference(User, this.ctx.actor.userId) as any) : null;
      s.assignedAt = this.now;
      s.dueDate = dueDate;
      s.note = cleanText(input.note);
      em.persist(s);
      appeal.updatedAt = this.now;
      await em.flush();
      // Routed after its deadline passed: the history says so (it counts as overdue like any other).
      this.childHistory(em, appeal, 'assignment', s.id, 'assign', null, { organizationId: org.id, role, dueDate, ...(overdue ? { overdueWhenAssigned: true } : {}) });
      if (before.status !== appeal.status) this.history(em, appeal, 'status_change', before);
      await em.flush();
      return appeal;
    });
  }

  async startWork(appealId: string, expectedVersion?: number | null): Promise<Appeal> {
    authorize(this.ctx.actor, 'answerAppeal');
    return this.tx(async (em) => {
      const appeal = await this.lockAppeal(em, appealId, expectedVersion);
      await this.requireOwnAssignment(em, appeal);
      const before = this.snapshot(appeal);
      this.transition(appeal, 'start_work');
      appeal.updatedAt = this.now;
      this.history(em, appeal, 'start_work', before);
      await em.flush();
      return appeal;
    });
  }

  /** The actor's organization must be assigned (trusted in-process callers pass the organization explicitly). */
  private async requireOwnAssignment(em: EntityManager, appeal: Appeal, organizationId?: string | null): Promise<Assignment> {
    const orgId = this.ctx.actor.system ? organizationId : await this.assignedOrganizationOfActor(em, appeal.id);
    const assignments = await em.find(Assignment, { appeal: appeal.id });
    const own = assignments.find((s) => s.organization.id === orgId);
    if (!own) {
      throw conflict('Only an organization the appeal is assigned to can work on it', { reason: 'NOT_ASSIGNED' });
    }
    return own;
  }

  async submitResponse(
    appealId: string,
    input: { text: string; decision: ResponseDecision; organizationId?: string | null; expectedVersion?: number | null },
  ): Promise<Response> {
    authorize(this.ctx.actor, 'answerAppeal');
    const text = cleanText(input.text) ?? '';
    if (text.replace(/\s/g, '').length < 20) throw badInput('text', 'A response must answer the appeal on its merits (at least 20 characters)');
    if (text.length > 50_000) throw badInput('text', 'at most 50,000 characters');
    return this.tx(async (em) => {
      const appeal = await this.lockAppeal(em, appealId, input.expectedVersion);
      const assignment = await this.requireOwnAssignment(em, appeal, input.organizationId);
      const before = this.snapshot(appeal);
      this.transition(appeal, 'submit_response');
      const [{ n }] = await query<{ n: number }>(em, 'select count(*)::int as n from response where appeal_id = ?', [appeal.id]);
      const r = new Response();
      r.region = appeal.region;
      r.appeal = appeal as any;
      r.assignment = assignment as any;
      r.organization = assignment.organization;
      r.author = em.getReference(User, this.ctx.actor.userId ?? (await this.anyUserOf(em, assignment.organization.id))) as any;
      r.text = text;
      r.decision = input.decision;
      r.submittedAt = this.now;
      r.round = n + 1;
      em.persist(r);
      appeal.answeredAt = this.now;
      appeal.finishedAt = this.now;
      appeal.updatedAt = this.now;
      await em.flush();
      this.childHistory(em, appeal, 'response', r.id, 'submit_response', null, { decision: r.decision, round: r.round, organizationId: assignment.organization.id });
      await notifyApplicants(em, this.ctx, appeal, { kind: 'answer', response: r }); // the answer reaches the applicant
      this.history(em, appeal, 'status_change', before);
      await em.flush();
      return r;
    });
  }

  private async anyUserOf(em: EntityManager, orgId: string): Promise<string> {
    const u = await em.findOne(User, { organization: orgId });
    if (!u) throw conflict('No official of the organization to sign the response');
    return u.id;
  }

  async reviewResponse(
    responseId: string,
    input: { verdict: ReviewVerdict; reasons?: ReworkReason[] | null; comment?: string | null; expectedVersion?: number | null },
  ): Promise<Response> {
    authorize(this.ctx.actor, 'reviewResponse');
    assertUuid('responseId', responseId);
    const reasons = [...new Set(input.reasons ?? [])];
    const comment = cleanText(input.comment);
    if (input.verdict === 'returned') {
      if (reasons.length === 0) throw badInput('reasons', 'Say why the response is returned for rework');
      if (!comment || comment.length < 10) throw badInput('comment', 'Explain what must be reworked (at least 10 characters)');
    } else if (reasons.length) {
      throw badInput('reasons', 'Reasons are given only when returning a response');
    }
    if (comment && comment.length > 5000) throw badInput('comment', 'at most 5,000 characters');
    return this.tx(async (em) => {
      const r = await em.findOne(Response, { id: responseId });
      if (!r) throw notFound('Response', responseId);
      const appeal = await this.lockAppeal(em, r.appeal.id, input.expectedVersion);
      // Read again under the appeal's lock: a review of the same response may have committed while we waited.
      await em.findOne(Response, { id: r.id }, { refresh: true });
      const latest = await queryOne<{ id: string }>(
        em,
        'select id from response where appeal_id = ? order by round desc, submitted_at desc limit 1',
        [appeal.id],
      );
      if (latest?.id !== r.id) throw conflict('Only the latest response can be reviewed', { reason: 'NOT_LATEST_RESPONSE' });
      if (r.reviewState !== 'pending') throw conflict(`The response was already ${r.reviewState}`, { reason: 'ALREADY_REVIEWED' });
      const before = this.snapshot(appeal);
      if (input.verdict === 'accepted') {
        this.transition(appeal, 'accept_response');
        r.reviewState = 'accepted';
      } else {
        this.transition(appeal, 'return_for_rework');
        r.reviewState = 'returned';
        appeal.answeredAt = null;
        appeal.finishedAt = null;
      }
      const review = new ResponseReview();
      review.region = appeal.region;
      review.response = r as any;
      review.appeal = appeal as any;
      review.reviewer = em.getReference(User, this.ctx.actor.userId ?? (await this.anyUserOf(em, appeal.addressee.id))) as any;
      review.verdict = input.verdict;
      review.reasons = reasons;
      review.comment = comment;
      review.reviewedAt = this.now;
      em.persist(review);
      appeal.updatedAt = this.now;
      await em.flush();
      this.childHistory(em, appeal, 'response', r.id, input.verdict === 'accepted' ? 'accept_response' : 'return_for_rework', { reviewState: 'pending' }, { reviewState: r.reviewState, reasons, comment });
      if (before.status !== appeal.status) this.history(em, appeal, 'status_change', before);
      await em.flush();
      return r;
    });
  }

  async close(appealId: string, expectedVersion?: number | null): Promise<Appeal> {
    authorize(this.ctx.actor, 'closeAppeal');
    return this.tx(async (em) => {
      const appeal = await this.lockAppeal(em, appealId, expectedVersion);
      const latest = await queryOne<{ review_state: string }>(
        em,
        'select review_state from response where appeal_id = ? order by round desc, submitted_at desc limit 1',
        [appeal.id],
      );
      const before = this.snapshot(appeal);
      this.transition(appeal, 'close');
      if (latest?.review_state !== 'accepted') {
        throw conflict('An appeal is closed only after its response is accepted', { reason: 'RESPONSE_NOT_ACCEPTED' });
      }
      appeal.closedAt = this.now;
      appeal.updatedAt = this.now;
      this.history(em, appeal, 'close', before);
      await em.flush();
      return appeal;
    });
  }

  async forward(appealId: string, input: { to: string; reason: string; expectedVersion?: number | null }): Promise<Appeal> {
    authorize(this.ctx.actor, 'routeAppeal');
    const to = cleanText(input.to);
    const reason = cleanText(input.reason);
    if (!to || to.length < 3 || to.length > 500) throw badInput('to', 'Name the competent body (3–500 characters)');
    if (!reason || reason.length < 10) throw badInput('reason', 'Say why the appeal is outside the competence (at least 10 characters)');
    return this.tx(async (em) => {
      const appeal = await this.lockAppeal(em, appealId, input.expectedVersion);
      const before = this.snapshot(appeal);
      this.transition(appeal, 'forward');
      appeal.forwardedTo = to;
      appeal.forwardedAt = this.now;
      appeal.finishedAt = this.now;
      appeal.statusComment = reason;
      appeal.updatedAt = this.now;
      const late = toLocalDate(this.now) > appeal.forwardDueDate;
      this.history(em, appeal, 'forward', before, { forwardedLate: late, forwardDueDate: appeal.forwardDueDate });
      await notifyApplicants(em, this.ctx, appeal, { kind: 'forwarding' }); // APPK art. 65
      await em.flush();
      return appeal;
    });
  }

  async extendDeadline(
    appealId: string,
    input: { newDueDate: string; reason: string; expectedVersion?: number | null },
  ): Promise<Appeal> {
    authorize(this.ctx.actor, 'extendDeadline');
    return this.tx(async (em) => {
      const appeal = await this.lockAppeal(em, appealId, input.expectedVersion);
      if (!canDo(appeal.status, 'extend_deadline')) this.transition(appeal, 'extend_deadline');
      const today = toLocalDate(this.now);
      const reason = cleanText(input.reason) ?? '';
      validateExtension(this.ctx.calendar, {
        form: appeal.form,
        receivedAt: appeal.receivedAt,
        currentDueDate: appeal.dueDate,
        newDueDate: input.newDueDate,
        reason,
        today,
      });
      const before = this.snapshot(appeal);
      const ext = new DeadlineExtension();
      ext.region = appeal.region;
      ext.appeal = appeal as any;
      ext.previousDueDate = appeal.dueDate;
      ext.newDueDate = input.newDueDate;
      ext.reason = reason;
      ext.extendedBy = em.getReference(User, this.ctx.actor.userId!) as any;
      ext.extendedAt = this.now;
      ext.noticeDueDate = this.ctx.calendar.addWorkingDays(today, EXTENSION_NOTICE_WORKING_DAYS);
      em.persist(ext);
      const assignments = await em.find(Assignment, { appeal: appeal.id });
      for (const s of assignments) if (s.dueDate === appeal.dueDate) s.dueDate = input.newDueDate;
      appeal.dueDate = input.newDueDate;
      appeal.updatedAt = this.now;
      this.history(em, appeal, 'extend_deadline', before, { reason, noticeDueDate: ext.noticeDueDate });
      await notifyApplicants(em, this.ctx, appeal, { kind: 'extension', extension: ext }); // APPK art. 76
      await em.flush();
      return appeal;
    });
  }

  async leaveWithoutConsideration(
    appealId: string,
    input: { reason: LeaveReason; comment?: string | null; expectedVersion?: number | null },
  ): Promise<Appeal> {
    authorize(this.ctx.actor, 'leaveWithoutConsideration');
    const comment = cleanText(input.comment);
    if (comment && comment.length > 5000) throw badInput('comment', 'at most 5,000 characters');
    return this.tx(async (em) => {
      const appeal = await this.lockAppeal(em, appealId, input.expectedVersion);
      if (input.reason === 'anonymous' && !appeal.anonymous) {
        throw badInput('reason', 'The appeal names its applicant; it is not anonymous');
      }
      if (input.reason === 'out_of_scope' && !appeal.outOfScope) {
        throw badInput('reason', 'Mark the appeal out of scope at registration to leave it for that reason');
      }
      if (input.reason === 'repeated_without_new_arguments' && !appeal.repeatOf) {
        throw badInput('reason', 'The appeal is not linked to an earlier appeal it repeats');
      }
      const before = this.snapshot(appeal);
      this.transition(appeal, 'leave_without_consideration');
      appeal.leaveReason = input.reason;
      appeal.statusComment = comment;
      appeal.closedAt = this.now;
      appeal.finishedAt = this.now;
      appeal.updatedAt = this.now;
      this.history(em, appeal, 'leave_without_consideration', before);
      await em.flush();
      return appeal;
    });
  }

  async takeOnControl(appealId: string, expectedVersion?: number | null): Promise<Appeal> {
    authorize(this.ctx.actor, 'takeOnControl');
    return this.tx(async (em) => {
      const appeal = await this.lockAppeal(em, appealId, expectedVersion);
      if (!canDo(appeal.status, 'take_on_control')) this.transition(appeal, 'take_on_control');
      if (appeal.onControl) throw conflict('The appeal is already on control', { reason: 'ALREADY_ON_CONTROL' });
      const before = this.snapshot(appeal);
      appeal.onControl = true;
      appeal.controlTakenBy = this.ctx.actor.userId ? (em.getReference(User, this.ctx.actor.userId) as any) : null;
      appeal.controlTakenAt = this.now;
      appeal.updatedAt = this.now;
      this.history(em, appeal, 'take_on_control', before);
      await em.flush();
      return appeal;
    });
  }
}
