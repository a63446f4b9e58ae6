import { LockMode, type EntityManager } from '@mikro-orm/postgresql';
import { authorize } from '../access/policy';
import { Appeal } from '../appeals/appeal.entity';
import { toLocalDate } from '../calendar/working-calendar';
import { queryOne } from '../db/sql';
import { AdminUnit } from '../geo/admin-unit.entity';
import { recordHistory, type HistoryEntry } from '../history/record';
import { Instruction } from '../instructions/instruction.entity';
import { Organization } from '../organizations/organization.entity';
import type { CommandContext } from '../shared/command-context';
import { badInput, conflict, notFound } from '../shared/errors';
import { User } from '../users/user.entity';
import {
  DisciplinaryProposal,
  ExecutionConclusion,
  OnsiteVerification,
  OnsiteVerificationParticipant,
  Violation,
} from './control.entity';
import {
  assertCompletable,
  assertConclusionVerdict,
  nextConclusionStatus,
  nextProposalStatus,
  type ConclusionVerdict,
  type DisciplinaryMeasure,
  type ViolationKind,
} from './domain/control-rules';
import { optionalIntId, optionalText, optionalUuid, requireDate, requireText, requireUuid } from './domain/input';

export interface PlanVerificationInput {
  organizationId: string;
  place: string;
  adminUnitId?: string | null;
  instructionId?: string | null;
  appealId?: string | null;
  issue?: string | null;
  visitedOn: string;
  participantIds: string[];
}

export interface RecordViolationInput {
  organizationId: string;
  kind: ViolationKind;
  description: string;
  foundOn: string;
  officialName?: string | null;
  officialId?: string | null;
  verificationId?: string | null;
  officeCheckId?: string | null;
  instructionId?: string | null;
  appealId?: string | null;
}

export interface ProposeDisciplinaryInput {
  organizationId: string;
  officialName: string;
  officialPosition?: string | null;
  officialId?: string | null;
  violationId?: string | null;
  grounds: string;
  measure: DisciplinaryMeasure;
}

/**
 * Control of instructions beyond the base register (regulation 9.2–9.7): on-site verifications, violations found,
 * proposals for disciplinary responsibility and their decision, conclusions on execution on a specific appeal.
 */
export class ControlCommands {
  constructor(private readonly ctx: CommandContext) {}

  private get now() {
    return this.ctx.now();
  }

  private get today() {
    return toLocalDate(this.now);
  }

  private tx<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    return this.ctx.em.transactional((em) => work(em as EntityManager));
  }

  private history(em: EntityManager, entry: HistoryEntry) {
    recordHistory(em, this.ctx, entry, this.now);
  }

  private me(em: EntityManager) {
    return this.ctx.actor.userId ? (em.getReference(User, this.ctx.actor.userId) as any) : null;
  }

  private async org(em: EntityManager, field: string, id: string): Promise<Organization> {
    const o = await em.findOne(Organization, { id: requireUuid(field, id) });
    if (!o) throw badInput(field, `No organization ${id}`);
    return o;
  }

  private async optionalRow<T extends object>(em: EntityManager, entity: new () => T, field: string, id: string | null): Promise<T | null> {
    if (!id) return null;
    const row = await em.findOne(entity as any, { id } as any);
    if (!row) throw badInput(field, `${field}: no such record ${id}`);
    return row as T;
  }

  async planVerification(input: PlanVerificationInput): Promise<OnsiteVerification> {
    authorize(this.ctx.actor, 'recordOnsiteVerification');
    const place = requireText('place', input.place, 3, 500, 'The place visited');
    const issue = optionalText('issue', input.issue, 5000);
    const instructionId = optionalUuid('instructionId', input.instructionId);
    const appealId = optionalUuid('appealId', input.appealId);
    const adminUnitId = optionalIntId('adminUnitId', input.adminUnitId);
    const visitedOn = requireDate('visitedOn', input.visitedOn);
    if (!instructionId && !appealId && !issue) throw badInput('instructionId', 'Say what is verified: an instruction, an appeal or the issue');
    const participantIds = [...new Set(input.participantIds ?? [])];
    if (participantIds.length === 0) throw badInput('participantIds', 'Name who goes (at least one official)');
    if (participantIds.length > 30) throw badInput('participantIds', 'at most 30 officials');
    participantIds.forEach((id, k) => requireUuid(`participantIds[${k}]`, id));
    return this.tx(async (em) => {
      const org = await this.org(em, 'organizationId', input.organizationId);
      const instruction = await this.optionalRow(em, Instruction, 'instructionId', instructionId);
      await this.optionalRow(em, Appeal, 'appealId', appealId);
      if (adminUnitId != null && !(await em.findOne(AdminUnit, { id: adminUnitId }))) throw badInput('adminUnitId', `No admin unit ${adminUnitId}`);
      const users = await em.find(User, { id: { $in: participantIds } });
      if (users.length !== participantIds.length) throw badInput('participantIds', 'Some officials do not exist');
      const v = new OnsiteVerification();
      v.region = em.getReference(AdminUnit, org.region.id) as any;
      v.organization = org as any;
      v.place = place;
      v.adminUnit = adminUnitId != null ? (em.getReference(AdminUnit, adminUnitId) as any) : null;
      v.instruction = instruction as any;
      v.appeal = appealId ? (em.getReference(Appeal, appealId) as any) : null;
      v.issue = issue;
      v.visitedOn = visitedOn;
      v.createdBy = this.me(em);
      v.createdAt = this.now;
      em.persist(v);
      for (const u of users) {
        const p = new OnsiteVerificationParticipant();
        p.verification = v as any;
        p.user = u as any;
        em.persist(p);
      }
      await em.flush();
      this.history(em, {
        regionId: org.region.id,
        entityType: 'onsite_verification',
        entityId: v.id,
        instructionId,
        appealId,
        action: 'plan',
        after: { organizationId: org.id, visitedOn, participantIds },
      });
      await em.flush();
      return v;
    });
  }

  async completeVerification(id: string, input: { findings: string; expectedVersion?: number | null }): Promise<OnsiteVerification> {
    authorize(this.ctx.actor, 'recordOnsiteVerification');
    const findings = requireText('findings', input.findings, 1, 20_000, 'The findings');
    return this.tx(async (em) => {
      const v = await em.findOne(OnsiteVerification, { id: requireUuid('verificationId', id) }, { lockMode: LockMode.PESSIMISTIC_WRITE });
      if (!v) throw notFound('On-site verification', id);
      if (input.expectedVersion != null && input.expectedVersion !== v.version) throw conflict('The verification was changed by someone else', { reason: 'STALE_VERSION' });
      assertCompletable(v, findings, this.today);
      v.status = 'completed';
      v.findings = findings;
      v.completedAt = this.now;
      this.history(em, { regionId: v.region.id, entityType: 'onsite_verification', entityId: v.id, instructionId: v.instruction?.id ?? null, appealId: v.appeal?.id ?? null, action: 'complete', before: { status: 'planned' }, after: { status: 'completed' } });
      await em.flush();
      return v;
    });
  }

  async recordViolation(input: RecordViolationInput): Promise<Violation> {
    authorize(this.ctx.actor, 'recordViolation');
    const description = requireText('description', input.description, 10, 10_000, 'The description of the violation');
    const foundOn = requireDate('foundOn', input.foundOn);
    if (foundOn > this.today) throw badInput('foundOn', 'A violation is recorded once found (the date is in the future)');
    const officialName = optionalText('officialName', input.officialName, 300);
    const ids = {
      officialId: optionalUuid('officialId', input.officialId),
      verificationId: optionalUuid('verificationId', input.verificationId),
      officeCheckId: optionalUuid('officeCheckId', input.officeCheckId),
      instructionId: optionalUuid('instructionId', input.instructionId),
      appealId: optionalUuid('appealId', input.appealId),
    };
    return this.tx(async (em) => {
      const org = await this.org(em, 'organizationId', input.organizationId);
      const official = await this.optionalRow(em, User, 'officialId', ids.officialId);
      const verification = await this.optionalRow(em, OnsiteVerification, 'verificationId', ids.verificationId);
      if (ids.officeCheckId && !(await queryOne(em, 'select 1 from office_check where id = ?', [ids.officeCheckId]))) {
        throw badInput('officeCheckId', `officeCheckId: no such record ${ids.officeCheckId}`);
      }
      await this.optionalRow(em, Instruction, 'instructionId', ids.instructionId);
      await this.optionalRow(em, Appeal, 'appealId', ids.appealId);
      const v = new Violation();
      v.region = em.getReference(AdminUnit, org.region.id) as any;
      v.organization = org as any;
      v.officialName = officialName ?? (official ? official.fullName : null);
      v.official = official as any;
      v.kind = input.kind;
      v.description = description;
      v.foundOn = foundOn;
      v.verification = verification as any;
      v.officeCheckId = ids.officeCheckId;
      v.instruction = ids.instructionId ? (em.getReference(Instruction, ids.instructionId) as any) : null;
      v.appeal = ids.appealId ? (em.getReference(Appeal, ids.appealId) as any) : null;
      v.recordedBy = this.me(em);
      v.createdAt = this.now;
      em.persist(v);
      await em.flush();
      this.history(em, { regionId: org.region.id, entityType: 'violation', entityId: v.id, instructionId: ids.instructionId, appealId: ids.appealId, action: 'record', after: { organizationId: org.id, kind: v.kind, foundOn, ...ids } });
      await em.flush();
      return v;
    });
  }

  async proposeDisciplinaryAction(input: ProposeDisciplinaryInput): Promise<DisciplinaryProposal> {
    authorize(this.ctx.actor, 'proposeDisciplinaryAction');
    const officialName = requireText('officialName', input.officialName, 3, 300, 'The official’s name');
    const officialPosition = optionalText('officialPosition', input.officialPosition, 300);
    const grounds = requireText('grounds', input.grounds, 20, 10_000, 'The grounds (for what)');
    const officialId = optionalUuid('officialId', input.officialId);
    const violationId = optionalUuid('violationId', input.violationId);
    return this.tx(async (em) => {
      const org = await this.org(em, 'organizationId', input.organizationId);
      const official = await this.optionalRow(em, User, 'officialId', officialId);
      const violation = await this.optionalRow(em, Violation, 'violationId', violationId);
      if (violation && violation.organization.id !== org.id) throw badInput('violationId', 'The violation was found in another organization');
      const p = new DisciplinaryProposal();
      p.region = em.getReference(AdminUnit, org.region.id) as any;
      p.organization = org as any;
      p.officialName = officialName;
      p.officialPosition = officialPosition;
      p.official = official as any;
      p.violation = violation as any;
      p.grounds = grounds;
      p.proposedMeasure = input.measure;
      p.proposedBy = this.me(em);
      p.proposedAt = this.now;
      em.persist(p);
      await em.flush();
      this.history(em, { regionId: org.region.id, entityType: 'disciplinary_proposal', entityId: p.id, action: 'propose', after: { organizationId: org.id, officialId, violationId, measure: input.measure } });
      await em.flush();
      return p;
    });
  }

  async decideDisciplinaryProposal(
    id: string,
    input: { decision: 'applied' | 'rejected'; appliedMeasure?: DisciplinaryMeasure | null; text: string; decidedOn: string; expectedVersion?: number | null },
  ): Promise<DisciplinaryProposal> {
    authorize(this.ctx.actor, 'decideDisciplinaryProposal');
    const text = requireText('text', input.text, 10, 10_000, 'The decision');
    const decidedOn = requireDate('decidedOn', input.decidedOn);
    if (decidedOn > this.today) throw badInput('decidedOn', 'The decision date is in the future');
    if (input.decision === 'applied' && !input.appliedMeasure) throw badInput('appliedMeasure', 'Say which measure was applied');
    if (input.decision === 'rejected' && input.appliedMeasure) throw badInput('appliedMeasure', 'No measure is applied when the proposal is rejected');
    return this.tx(async (em) => {
      const p = await em.findOne(DisciplinaryProposal, { id: requireUuid('proposalId', id) }, { lockMode: LockMode.PESSIMISTIC_WRITE });
      if (!p) throw notFound('Disciplinary proposal', id);
      if (input.expectedVersion != null && input.expectedVersion !== p.version) throw conflict('The proposal was changed by someone else', { reason: 'STALE_VERSION' });
      const before = p.status;
      p.status = nextProposalStatus(p.status, input.decision);
      p.appliedMeasure = input.appliedMeasure ?? null;
      p.decision = text;
      p.decidedOn = decidedOn;
      this.history(em, { regionId: p.region.id, entityType: 'disciplinary_proposal', entityId: p.id, action: 'decide', before: { status: before }, after: { status: p.status, appliedMeasure: p.appliedMeasure, decidedOn } });
      await em.flush();
      return p;
    });
  }

  async prepareConclusion(input: { instructionId: string; appealId: string; verdict: ConclusionVerdict; text: string }): Promise<ExecutionConclusion> {
    authorize(this.ctx.actor, 'prepareExecutionConclusion');
    const instructionId = requireUuid('instructionId', input.instructionId);
    const appealId = requireUuid('appealId', input.appealId);
    const text = requireText('text', input.text, 50, 50_000, 'The conclusion');
    return this.tx(async (em) => {
      const i = await em.findOne(Instruction, { id: instructionId });
      if (!i) throw notFound('Instruction', instructionId);
      const linked = await queryOne(em, 'select 1 from instruction_appeal where instruction_id = ? and appeal_id = ?', [instructionId, appealId]);
      if (!linked) throw conflict('The instruction was not given on this appeal', { reason: 'APPEAL_NOT_LINKED' });
      const existing = await em.findOne(ExecutionConclusion, { instruction: instructionId, appeal: appealId });
      if (existing) throw conflict('A conclusion on this instruction and appeal already exists', { reason: 'ALREADY_CONCLUDED', conclusionId: existing.id });
      assertConclusionVerdict(input.verdict, i.status);
      const c = new ExecutionConclusion();
      c.region = i.region;
      c.instruction = i as any;
      c.appeal = em.getReference(Appeal, appealId) as any;
      c.verdict = input.verdict;
      c.text = text;
      c.preparedBy = em.getReference(User, this.ctx.actor.userId!) as any;
      c.preparedAt = this.now;
      em.persist(c);
      await em.flush();
      this.history(em, { regionId: i.region.id, entityType: 'execution_conclusion', entityId: c.id, instructionId, appealId, action: 'prepare', after: { verdict: c.verdict } });
      await em.flush();
      return c;
    });
  }

  async approveConclusion(id: string, expectedVersion?: number | null): Promise<ExecutionConclusion> {
    authorize(this.ctx.actor, 'approveExecutionConclusion');
    return this.tx(async (em) => {
      const c = await em.findOne(ExecutionConclusion, { id: requireUuid('conclusionId', id) }, { lockMode: LockMode.PESSIMISTIC_WRITE });
      if (!c) throw notFound('Execution conclusion', id);
      if (expectedVersion != null && expectedVersion !== c.version) throw conflict('The conclusion was changed by someone else', { reason: 'STALE_VERSION' });
      c.status = nextConclusionStatus(c.status);
      c.approvedBy = em.getReference(User, this.ctx.actor.userId!) as any;
      c.approvedAt = this.now;
      this.history(em, { regionId: c.region.id, entityType: 'execution_conclusion', entityId: c.id, instructionId: c.instruction.id, appealId: c.appeal.id, action: 'approve', before: { status: 'draft' }, after: { status: 'approved' } });
      await em.flush();
      return c;
    });
  }
}

