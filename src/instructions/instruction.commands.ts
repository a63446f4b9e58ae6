import { LockMode, type EntityManager } from '@mikro-orm/postgresql';
import { authorize, isRestrictedToOwnOrganization } from '../access/policy';
import { assertUuid } from '../appeals/appeal.commands';
import { Appeal } from '../appeals/appeal.entity';
import { isLocalDate, toLocalDate } from '../calendar/working-calendar';
import { queryOne } from '../db/sql';
import { AdminUnit } from '../geo/admin-unit.entity';
import { recordHistory } from '../history/record';
import { Organization } from '../organizations/organization.entity';
import type { CommandContext } from '../shared/command-context';
import { badInput, conflict, notFound } from '../shared/errors';
import { User } from '../users/user.entity';
import {
  nextInstructionStatus,
  reviewAction,
  type InstructionSource,
  type ReportKind,
  type ReportVerdict,
} from './domain/instruction-status';
import {
  Instruction,
  InstructionAppeal,
  InstructionAssignee,
  InstructionExtension,
  InstructionReport,
} from './instruction.entity';

export interface IssueInstructionInput {
  number: string;
  source: InstructionSource;
  issuer?: string | null;
  text: string;
  issuedAt: Date;
  dueDate: string;
  assigneeIds: string[];
  appealIds?: string[] | null;
  regionId?: string | null;
}

const clean = (s: string | null | undefined) => (s == null ? null : s.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g, '').trim() || null);

/** Control of instructions (regulation 9): issue, report, review, extend, remove from control. */
export class InstructionCommands {
  constructor(private readonly ctx: CommandContext) {}

  private get now() {
    return this.ctx.now();
  }

  private async lock(em: EntityManager, id: string, expectedVersion?: number | null): Promise<Instruction> {
    assertUuid('instructionId', id);
    const i = await em.findOne(Instruction, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
    if (!i) throw notFound('Instruction', id);
    if (isRestrictedToOwnOrganization(this.ctx.actor) && !(await this.ownAssignee(em, i.id))) throw notFound('Instruction', id);
    if (expectedVersion != null && expectedVersion !== i.version) {
      throw conflict(`The instruction was changed by someone else (version ${i.version})`, { reason: 'STALE_VERSION' });
    }
    return i;
  }

  private async ownAssignee(em: EntityManager, instructionId: string): Promise<string | null> {
    const org = this.ctx.actor.organizationId;
    if (!org) return null;
    const row = await queryOne<{ organization_id: string }>(
      em,
      `select a.organization_id from instruction_assignee a join organization o on o.id = a.organization_id
        where a.instruction_id = ? and (a.organization_id = ? or o.parent_id = ?)
        order by (a.organization_id = ?) desc limit 1`,
      [instructionId, org, org, org],
    );
    return row?.organization_id ?? null;
  }

  private record(em: EntityManager, i: Instruction, action: string, before: Record<string, unknown> | null, after: Record<string, unknown>, entity?: { type: 'instruction_report'; id: string }) {
    recordHistory(
      em,
      this.ctx,
      {
        regionId: i.region.id,
        entityType: entity?.type ?? 'instruction',
        entityId: entity?.id ?? i.id,
        instructionId: i.id,
        action,
        before,
        after,
      },
      this.now,
    );
  }

  async issue(input: IssueInstructionInput): Promise<Instruction> {
    authorize(this.ctx.actor, 'issueInstruction');
    const number = clean(input.number);
    const text = clean(input.text);
    if (!number || number.length > 64) throw badInput('number', 'Give the instruction its number (1–64 characters)');
    if (!text || text.length < 10 || text.length > 20_000) throw badInput('text', 'The instruction text must be 10–20,000 characters');
    if (!isLocalDate(input.dueDate)) throw badInput('dueDate', 'dueDate must be a date YYYY-MM-DD');
    if (input.dueDate < toLocalDate(input.issuedAt)) throw badInput('dueDate', 'The due date is before the instruction was issued');
    if (input.issuedAt.getTime() > this.now.getTime() + 5 * 60_000) throw badInput('issuedAt', 'issuedAt is in the future');
    const assigneeIds = [...new Set(input.assigneeIds ?? [])];
    if (assigneeIds.length === 0) throw badInput('assigneeIds', 'Name at least one organization that must execute it');
    if (assigneeIds.length > 200) throw badInput('assigneeIds', 'at most 200 organizations');
    assigneeIds.forEach((id, k) => assertUuid(`assigneeIds[${k}]`, id));
    const appealIds = [...new Set(input.appealIds ?? [])];
    if (appealIds.length > 1000) throw badInput('appealIds', 'at most 1,000 appeals');
    appealIds.forEach((id, k) => assertUuid(`appealIds[${k}]`, id));
    return this.ctx.em.transactional(async (tem) => {
      const em = tem as EntityManager;
      const orgs = await em.find(Organization, { id: { $in: assigneeIds } });
      if (orgs.length !== assigneeIds.length) throw badInput('assigneeIds', 'Some organizations do not exist');
      const appeals = appealIds.length ? await em.find(Appeal, { id: { $in: appealIds } }) : [];
      if (appeals.length !== appealIds.length) throw badInput('appealIds', 'Some appeals do not exist');
      const regionId = input.regionId ? Number(input.regionId) : orgs[0].region.id;
      const region = await em.findOne(AdminUnit, { id: regionId });
      if (!region) throw badInput('regionId', 'No such region');
      const dup = await em.findOne(Instruction, { region: region.id, number });
      if (dup) throw conflict(`Instruction ${number} is already registered`, { reason: 'DUPLICATE_NUMBER' });
      const i = new Instruction();
      i.region = region as any;
      i.number = number;
      i.source = input.source;
      i.issuer = clean(input.issuer);
      i.text = text;
      i.issuedAt = input.issuedAt;
      i.dueDate = input.dueDate;
      i.registeredBy = this.ctx.actor.userId ? (em.getReference(User, this.ctx.actor.userId) as any) : null;
      i.createdAt = this.now;
      em.persist(i);
      for (const o of orgs) {
        const a = new InstructionAssignee();
        a.region = i.region;
        a.instruction = i as any;
        a.organization = o as any;
        em.persist(a);
      }
      for (const ap of appeals) {
        const l = new InstructionAppeal();
        l.region = i.region;
        l.instruction = i as any;
        l.appeal = ap as any;
        em.persist(l);
      }
      await em.flush();
      this.record(em, i, 'issue', null, { number, source: i.source, dueDate: i.dueDate, assigneeIds, appealIds });
      await em.flush();
      return i;
    });
  }

  async submitReport(
    instructionId: string,
    input: { kind: ReportKind; text: string; organizationId?: string | null; expectedVersion?: number | null },
  ): Promise<InstructionReport> {
    authorize(this.ctx.actor, 'reportOnInstruction');
    const text = clean(input.text);
    if (!text || text.length < 20 || text.length > 50_000) throw badInput('text', 'A report must say what was done (20–50,000 characters)');
    return this.ctx.em.transactional(async (tem) => {
      const em = tem as EntityManager;
      const i = await this.lock(em, instructionId, input.expectedVersion);
      const orgId = this.ctx.actor.system ? input.organizationId : await this.ownAssignee(em, i.id);
      if (!orgId) throw conflict('Only an organization the instruction is assigned to reports on it', { reason: 'NOT_ASSIGNED' });
      const assigned = await em.findOne(InstructionAssignee, { instruction: i.id, organization: orgId });
      if (!assigned) throw conflict('Only an organization the instruction is assigned to reports on it', { reason: 'NOT_ASSIGNED' });
      const before = i.status;
      i.status = nextInstructionStatus(i.status, 'submit_report');
      const r = new InstructionReport();
      r.region = i.region;
      r.instruction = i as any;
      r.organization = em.getReference(Organization, orgId) as any;
      r.kind = input.kind;
      r.text = text;
      r.submittedBy = em.getReference(User, this.ctx.actor.userId!) as any;
      r.submittedAt = this.now;
      em.persist(r);
      await em.flush();
      this.record(em, i, 'submit_report', { status: before }, { status: i.status, kind: r.kind, reportId: r.id }, { type: 'instruction_report', id: r.id });
      await em.flush();
      return r;
    });
  }

  async reviewReport(reportId: string, input: { verdict: ReportVerdict; comment?: string | null; expectedVersion?: number | null }): Promise<InstructionReport> {
    authorize(this.ctx.actor, 'reviewInstructionReport');
    assertUuid('reportId', reportId);
    const comment = clean(input.comment);
    if (input.verdict === 'returned' && (!comment || comment.length < 10)) {
      throw badInput('comment', 'Explain why the report is returned (at least 10 characters)');
    }
    return this.ctx.em.transactional(async (tem) => {
      const em = tem as EntityManager;
      const r = await em.findOne(InstructionReport, { id: reportId });
      if (!r) throw notFound('Report', reportId);
      const i = await this.lock(em, r.instruction.id, input.expectedVersion);
      // Read again under the instruction's lock: a review of the same report may have committed while we waited.
      await em.findOne(InstructionReport, { id: r.id }, { refresh: true });
      if (r.verdict) throw conflict(`The report was already ${r.verdict}`, { reason: 'ALREADY_REVIEWED' });
      const before = i.status;
      i.status = nextInstructionStatus(i.status, reviewAction(r.kind, input.verdict));
      if (i.status === 'executed') i.executedAt = this.now;
      r.verdict = input.verdict;
      r.reviewComment = comment;
      r.reviewedBy = em.getReference(User, this.ctx.actor.userId!) as any;
      r.reviewedAt = this.now;
      this.record(em, i, `review_report_${input.verdict}`, { status: before }, { status: i.status, reportId: r.id, comment }, { type: 'instruction_report', id: r.id });
      await em.flush();
      return r;
    });
  }

  async extend(instructionId: string, input: { newDueDate: string; reason: string; expectedVersion?: number | null }): Promise<Instruction> {
    authorize(this.ctx.actor, 'extendInstruction');
    const reason = clean(input.reason);
    if (!isLocalDate(input.newDueDate)) throw badInput('newDueDate', 'newDueDate must be a date YYYY-MM-DD');
    if (!reason || reason.length < 10) throw badInput('reason', 'Give a reason for the extension (at least 10 characters)');
    return this.ctx.em.transactional(async (tem) => {
      const em = tem as EntityManager;
      const i = await this.lock(em, instructionId, input.expectedVersion);
      nextInstructionStatus(i.status, 'extend');
      if (input.newDueDate <= i.dueDate) throw badInput('newDueDate', `The new due date must be after the current one (${i.dueDate})`);
      const ext = new InstructionExtension();
      ext.region = i.region;
      ext.instruction = i as any;
      ext.previousDueDate = i.dueDate;
      ext.newDueDate = input.newDueDate;
      ext.reason = reason;
      ext.extendedBy = em.getReference(User, this.ctx.actor.userId!) as any;
      ext.extendedAt = this.now;
      em.persist(ext);
      this.record(em, i, 'extend', { dueDate: i.dueDate }, { dueDate: input.newDueDate, reason });
      i.dueDate = input.newDueDate;
      await em.flush();
      return i;
    });
  }

  async removeFromControl(instructionId: string, input: { reason: string; expectedVersion?: number | null }): Promise<Instruction> {
    authorize(this.ctx.actor, 'removeInstructionFromControl');
    const reason = clean(input.reason);
    if (!reason || reason.length < 10) throw badInput('reason', 'Say why the instruction is removed from control (at least 10 characters)');
    return this.ctx.em.transactional(async (tem) => {
      const em = tem as EntityManager;
      const i = await this.lock(em, instructionId, input.expectedVersion);
      const before = i.status;
      i.status = nextInstructionStatus(i.status, 'remove_from_control');
      i.removedAt = this.now;
      i.removalReason = reason;
      this.record(em, i, 'remove_from_control', { status: before }, { status: i.status, reason });
      await em.flush();
      return i;
    });
  }
}
