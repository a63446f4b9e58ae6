import { LockMode, type EntityManager } from '@mikro-orm/postgresql';
import { authorize } from '../access/policy';
import { hasRole } from '../access/actor';
import { toLocalDate } from '../calendar/working-calendar';
import { Violation } from '../control/control.entity';
import type { ViolationKind } from '../control/domain/control-rules';
import { optionalText, requireDate, requireText, requireUuid } from '../control/domain/input';
import { AdminUnit } from '../geo/admin-unit.entity';
import { recordHistory, type HistoryEntry } from '../history/record';
import { Organization } from '../organizations/organization.entity';
import type { CommandContext } from '../shared/command-context';
import { badInput, conflict, forbidden, notFound } from '../shared/errors';
import { User } from '../users/user.entity';
import { assertFollowUpRecordable, nextCheckStatus, validateCompletion, validatePlan, type FindingKind } from './domain/office-check-rules';
import { OfficeCheck } from './office-check.entity';
import { computeFindings } from './office-check.findings';

/** The violation recorded for each kind of finding when a check is completed. */
const VIOLATION_OF: Record<FindingKind, ViolationKind> = {
  late_registration: 'late_registration',
  missed_deadline: 'missed_deadline',
  answer_without_review: 'office_work',
  repeated_appeal: 'incomplete_execution',
  late_notice: 'late_notice',
};

/** Office-work checks (regulation 10): plan, start, complete (findings frozen, violations recorded), follow-up. */
export class OfficeCheckCommands {
  constructor(private readonly ctx: CommandContext) {}

  private get now() {
    return this.ctx.now();
  }

  private tx<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    return this.ctx.em.transactional((em) => work(em as EntityManager));
  }

  private history(em: EntityManager, entry: HistoryEntry) {
    recordHistory(em, this.ctx, entry, this.now);
  }

  private async lock(em: EntityManager, id: string, expectedVersion?: number | null): Promise<OfficeCheck> {
    const c = await em.findOne(OfficeCheck, { id: requireUuid('checkId', id) }, { lockMode: LockMode.PESSIMISTIC_WRITE });
    if (!c) throw notFound('Office-work check', id);
    if (expectedVersion != null && expectedVersion !== c.version) throw conflict('The check was changed by someone else', { reason: 'STALE_VERSION' });
    return c;
  }

  /** The inspector conducts the check; the head of the department or a deputy may act for them. */
  private assertInspector(c: OfficeCheck) {
    if (this.ctx.actor.system || c.inspector.id === this.ctx.actor.userId || hasRole(this.ctx.actor, 'head', 'deputy_head')) return;
    throw forbidden('Only the inspector of this check (or the head of the department) conducts it');
  }

  async plan(input: { organizationId: string; periodFrom: string; periodTo: string; plannedOn: string; inspectorId: string }): Promise<OfficeCheck> {
    authorize(this.ctx.actor, 'planOfficeCheck');
    const periodFrom = requireDate('periodFrom', input.periodFrom);
    const periodTo = requireDate('periodTo', input.periodTo);
    const plannedOn = requireDate('plannedOn', input.plannedOn);
    validatePlan({ periodFrom, periodTo, plannedOn });
    const inspectorId = requireUuid('inspectorId', input.inspectorId);
    return this.tx(async (em) => {
      const org = await em.findOne(Organization, { id: requireUuid('organizationId', input.organizationId) });
      if (!org) throw badInput('organizationId', `No organization ${input.organizationId}`);
      const inspector = await em.findOne(User, { id: inspectorId });
      if (!inspector || !inspector.active) throw badInput('inspectorId', 'No such official');
      if (!inspector.roles.some((r) => ['auditor', 'specialist', 'head', 'deputy_head'].includes(r))) {
        throw badInput('inspectorId', 'The inspector must be an official of the department (specialist, auditor, head or deputy)');
      }
      const overlap = await em.findOne(OfficeCheck, { organization: org.id, status: { $ne: 'completed' }, periodFrom: { $lte: periodTo }, periodTo: { $gte: periodFrom } });
      if (overlap) throw conflict('An open check of this organization already covers part of the period', { reason: 'OVERLAPPING_CHECK', checkId: overlap.id });
      const c = new OfficeCheck();
      c.region = em.getReference(AdminUnit, org.region.id) as any;
      c.organization = org as any;
      c.periodFrom = periodFrom;
      c.periodTo = periodTo;
      c.plannedOn = plannedOn;
      c.inspector = inspector as any;
      c.createdBy = this.ctx.actor.userId ? (em.getReference(User, this.ctx.actor.userId) as any) : null;
      c.createdAt = this.now;
      em.persist(c);
      await em.flush();
      this.history(em, { regionId: org.region.id, entityType: 'office_check', entityId: c.id, action: 'plan', after: { organizationId: org.id, periodFrom, periodTo, plannedOn, inspectorId } });
      await em.flush();
      return c;
    });
  }

  async start(id: string, expectedVersion?: number | null): Promise<OfficeCheck> {
    authorize(this.ctx.actor, 'conductOfficeCheck');
    return this.tx(async (em) => {
      const c = await this.lock(em, id, expectedVersion);
      this.assertInspector(c);
      c.status = nextCheckStatus(c.status, 'start');
      c.startedAt = this.now;
      this.history(em, { regionId: c.region.id, entityType: 'office_check', entityId: c.id, action: 'start', before: { status: 'planned' }, after: { status: c.status } });
      await em.flush();
      return c;
    });
  }

  /**
   * Completes the check: the computed findings are frozen into it, each kind found is recorded as a violation of the
   * organization (late notices included), with the inspector's own findings, recommendations and a follow-up date.
   */
  async complete(id: string, input: { inspectorFindings?: string | null; recommendations: string; followUpDate: string; expectedVersion?: number | null }): Promise<OfficeCheck> {
    authorize(this.ctx.actor, 'conductOfficeCheck');
    const inspectorFindings = optionalText('inspectorFindings', input.inspectorFindings, 20_000);
    const recommendations = requireText('recommendations', input.recommendations, 1, 20_000, 'The recommendations');
    const followUpDate = requireDate('followUpDate', input.followUpDate);
    validateCompletion({ recommendations, followUpDate }, toLocalDate(this.now));
    return this.tx(async (em) => {
      const c = await this.lock(em, id, input.expectedVersion);
      this.assertInspector(c);
      c.status = nextCheckStatus(c.status, 'complete');
      const findings = await computeFindings(em, this.ctx.calendar, c.id, this.now);
      c.computedFindings = findings;
      c.inspectorFindings = inspectorFindings;
      c.recommendations = recommendations;
      c.followUpDate = followUpDate;
      c.completedAt = this.now;
      const violations: string[] = [];
      for (const f of findings.filter((x) => x.count > 0)) {
        const v = new Violation();
        v.region = c.region;
        v.organization = c.organization;
        v.kind = VIOLATION_OF[f.kind];
        const sample = f.items.slice(0, 10).map((i) => i.registrationNumber).join(', ');
        v.description = `Office-work check ${c.periodFrom}–${c.periodTo}: ${f.count} × ${f.kind.replace(/_/g, ' ')} (${sample}${f.count > 10 ? ', …' : ''}). ${f.legalBasis}`;
        v.foundOn = toLocalDate(this.now);
        v.officeCheckId = c.id;
        v.recordedBy = this.ctx.actor.userId ? (em.getReference(User, this.ctx.actor.userId) as any) : null;
        v.createdAt = this.now;
        em.persist(v);
        violations.push(f.kind);
      }
      this.history(em, {
        regionId: c.region.id,
        entityType: 'office_check',
        entityId: c.id,
        action: 'complete',
        before: { status: 'in_progress' },
        after: { status: c.status, findings: Object.fromEntries(findings.map((f) => [f.kind, f.count])), violationsRecorded: violations, followUpDate },
      });
      await em.flush();
      return c;
    });
  }

  async recordFollowUp(id: string, input: { result: string; findingsFixed?: boolean | null; expectedVersion?: number | null }): Promise<OfficeCheck> {
    authorize(this.ctx.actor, 'conductOfficeCheck');
    const result = requireText('result', input.result, 20, 20_000, 'The result of the follow-up');
    return this.tx(async (em) => {
      const c = await this.lock(em, id, input.expectedVersion);
      this.assertInspector(c);
      nextCheckStatus(c.status, 'record_follow_up');
      if (c.followUpRecordedAt) throw conflict('The follow-up is already recorded', { reason: 'ALREADY_RECORDED' });
      const { early } = assertFollowUpRecordable(c.followUpDate!, toLocalDate(this.now), input.findingsFixed === true);
      c.followUpResult = result;
      c.followUpRecordedAt = this.now;
      this.history(em, {
        regionId: c.region.id,
        entityType: 'office_check',
        entityId: c.id,
        action: 'follow_up',
        after: { followUpDate: c.followUpDate, ...(early ? { recordedEarly: true, findingsFixed: true } : {}) },
      });
      await em.flush();
      return c;
    });
  }
}

