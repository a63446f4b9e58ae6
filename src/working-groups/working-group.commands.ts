import { LockMode, type EntityManager } from '@mikro-orm/postgresql';
import { authorize, isRestrictedToOwnOrganization } from '../access/policy';
import { isOwnOrganization } from '../receptions/reception.commands';
import { optionalText, optionalUuid, requireDate, requireInstant, requireText, requireUuid } from '../control/domain/input';
import { query } from '../db/sql';
import { AdminUnit } from '../geo/admin-unit.entity';
import { recordHistory, type HistoryEntry } from '../history/record';
import { Organization } from '../organizations/organization.entity';
import type { CommandContext } from '../shared/command-context';
import { badInput, conflict, notFound } from '../shared/errors';
import { cardStatusWhenGroupFormed } from '../problem-cards/domain/card-status';
import { ProblemCard } from '../problem-cards/problem-card.entity';
import { User } from '../users/user.entity';
import {
  assertActive,
  assertClosable,
  assertMemberAddable,
  nextDecisionStatus,
  validateMeeting,
  type GroupKind,
  type MemberKind,
  type MemberRole,
} from './domain/working-group-rules';
import { WorkingGroup, WorkingGroupDecision, WorkingGroupMeeting, WorkingGroupMember, WorkingGroupProblemCard } from './working-group.entity';

export interface MemberInput {
  kind: MemberKind;
  role: MemberRole;
  fullName: string;
  affiliation?: string | null;
  userId?: string | null;
  organizationId?: string | null;
}

export interface DecisionInput {
  text: string;
  responsibleOrganizationId?: string | null;
  dueDate?: string | null;
}

/** Working groups and hearings (8.3, 8.7): create, link problem cards, members, meetings with minutes, decisions. */
export class WorkingGroupCommands {
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

  private async lock(em: EntityManager, id: string, expectedVersion?: number | null): Promise<WorkingGroup> {
    const g = await em.findOne(WorkingGroup, { id: requireUuid('groupId', id) }, { lockMode: LockMode.PESSIMISTIC_WRITE });
    if (!g) throw notFound('Working group', id);
    if (expectedVersion != null && expectedVersion !== g.version) throw conflict('The working group was changed by someone else', { reason: 'STALE_VERSION' });
    return g;
  }

  /**
   * Links problem cards of the group's region and moves each along its life in the same transaction (a new or
   * reviewed card becomes working_group_formed, with a history record saying which group); a resolved or dismissed
   * card is refused (CONFLICT, PROBLEM_CARD_CLOSED) and nothing is written.
   */
  private async linkCards(em: EntityManager, g: WorkingGroup, ids: string[]) {
    const unique = [...new Set(ids)];
    unique.forEach((id, k) => requireUuid(`problemCardIds[${k}]`, id));
    if (!unique.length) return [];
    const cards = await em.find(ProblemCard, { id: { $in: unique } }, { lockMode: LockMode.PESSIMISTIC_WRITE, orderBy: { id: 'asc' } });
    if (cards.length !== unique.length || cards.some((c) => c.region.id !== g.region.id)) {
      throw badInput('problemCardIds', 'Some problem cards do not exist in the region of the group');
    }
    const existing = new Set((await query<{ problem_card_id: string }>(em, 'select problem_card_id from working_group_problem_card where group_id = ?', [g.id])).map((r) => r.problem_card_id));
    const added = cards.filter((c) => !existing.has(c.id));
    const moves = added.map((c) => ({ card: c, to: cardStatusWhenGroupFormed(c.status) }));
    for (const { card, to } of moves) {
      const l = new WorkingGroupProblemCard();
      l.group = g as any;
      l.problemCardId = card.id;
      em.persist(l);
      if (!to) continue;
      const from = card.status;
      card.status = to;
      card.statusChangedAt = this.now;
      card.updatedAt = this.now;
      this.history(em, {
        regionId: card.region.id,
        entityType: 'problem_card',
        entityId: card.id,
        action: 'change_status',
        before: { status: from },
        after: { status: to, comment: `Working group formed: ${g.name}`, workingGroupId: g.id },
      });
    }
    return added.map((c) => c.id);
  }

  async create(input: { kind: GroupKind; name: string; issue: string; regionId?: string | null; problemCardIds?: string[] | null }): Promise<WorkingGroup> {
    authorize(this.ctx.actor, 'manageWorkingGroups');
    const name = requireText('name', input.name, 5, 500, 'The name');
    const issue = requireText('issue', input.issue, 20, 10_000, 'The issue of public outcry');
    return this.tx(async (em) => {
      const regionId = input.regionId ? Number(input.regionId) : this.ctx.actor.regionId;
      const region = regionId != null ? await em.findOne(AdminUnit, { id: regionId }) : null;
      if (!region) throw badInput('regionId', 'Name the region the group works in');
      const g = new WorkingGroup();
      g.region = region as any;
      g.kind = input.kind;
      g.name = name;
      g.issue = issue;
      g.createdBy = this.ctx.actor.userId ? (em.getReference(User, this.ctx.actor.userId) as any) : null;
      g.createdAt = this.now;
      em.persist(g);
      await em.flush();
      const cards = await this.linkCards(em, g, input.problemCardIds ?? []);
      this.history(em, { regionId: region.id, entityType: 'working_group', entityId: g.id, action: 'create', after: { kind: g.kind, name, problemCardIds: cards } });
      await em.flush();
      return g;
    });
  }

  async linkProblemCards(groupId: string, problemCardIds: string[]): Promise<WorkingGroup> {
    authorize(this.ctx.actor, 'manageWorkingGroups');
    if (!problemCardIds?.length) throw badInput('problemCardIds', 'Name the problem cards');
    return this.tx(async (em) => {
      const g = await this.lock(em, groupId);
      assertActive(g);
      const added = await this.linkCards(em, g, problemCardIds);
      this.history(em, { regionId: g.region.id, entityType: 'working_group', entityId: g.id, action: 'link_problem_cards', after: { problemCardIds: added } });
      await em.flush();
      return g;
    });
  }

  async addMember(groupId: string, input: MemberInput): Promise<WorkingGroupMember> {
    authorize(this.ctx.actor, 'manageWorkingGroups');
    const fullName = requireText('fullName', input.fullName, 3, 300, 'The member’s name');
    const affiliation = optionalText('affiliation', input.affiliation, 500);
    const userId = optionalUuid('userId', input.userId);
    const organizationId = optionalUuid('organizationId', input.organizationId);
    if (input.kind === 'official' && !userId && !organizationId) throw badInput('organizationId', 'Say which body an official member comes from');
    return this.tx(async (em) => {
      const g = await this.lock(em, groupId);
      assertActive(g);
      if (userId && !(await em.findOne(User, { id: userId }))) throw badInput('userId', 'No such official');
      if (organizationId && !(await em.findOne(Organization, { id: organizationId }))) throw badInput('organizationId', 'No such organization');
      const existing = await em.find(WorkingGroupMember, { group: g.id });
      assertMemberAddable(existing.map((m) => ({ fullName: m.fullName, role: m.role, userId: m.user?.id ?? null })), { fullName, role: input.role, userId });
      const m = new WorkingGroupMember();
      m.group = g as any;
      m.kind = input.kind;
      m.role = input.role;
      m.fullName = fullName;
      m.affiliation = affiliation;
      m.user = userId ? (em.getReference(User, userId) as any) : null;
      m.organization = organizationId ? (em.getReference(Organization, organizationId) as any) : null;
      m.addedAt = this.now;
      em.persist(m);
      await em.flush();
      this.history(em, { regionId: g.region.id, entityType: 'working_group', entityId: g.id, action: 'add_member', after: { memberId: m.id, kind: m.kind, role: m.role } });
      await em.flush();
      return m;
    });
  }

  async recordMeeting(
    groupId: string,
    input: { heldAt: Date; place: string; agenda?: string | null; minutesNumber?: string | null; minutes: string; attendeeIds: string[]; decisions?: DecisionInput[] | null },
  ): Promise<WorkingGroupMeeting> {
    authorize(this.ctx.actor, 'manageWorkingGroups');
    const heldAt = requireInstant('heldAt', input.heldAt);
    const place = requireText('place', input.place, 3, 500, 'The place');
    const agenda = optionalText('agenda', input.agenda, 5000);
    const minutesNumber = optionalText('minutesNumber', input.minutesNumber, 64);
    const minutes = requireText('minutes', input.minutes, 1, 100_000, 'The minutes');
    const attendeeIds = [...new Set(input.attendeeIds ?? [])];
    validateMeeting({ heldAt, minutes, attendeeIds }, this.now);
    attendeeIds.forEach((id, k) => requireUuid(`attendeeIds[${k}]`, id));
    const decisions = (input.decisions ?? []).map((d, k) => ({
      text: requireText(`decisions[${k}].text`, d.text, 10, 5000, 'A decision'),
      responsibleOrganizationId: optionalUuid(`decisions[${k}].responsibleOrganizationId`, d.responsibleOrganizationId),
      dueDate: d.dueDate == null ? null : requireDate(`decisions[${k}].dueDate`, d.dueDate),
    }));
    return this.tx(async (em) => {
      const g = await this.lock(em, groupId);
      assertActive(g);
      const members = await em.find(WorkingGroupMember, { group: g.id, id: { $in: attendeeIds } });
      if (members.length !== attendeeIds.length) throw badInput('attendeeIds', 'Some attendees are not members of the group');
      for (const [k, d] of decisions.entries()) {
        if (d.responsibleOrganizationId && !(await em.findOne(Organization, { id: d.responsibleOrganizationId }))) {
          throw badInput(`decisions[${k}].responsibleOrganizationId`, 'No such organization');
        }
      }
      const m = new WorkingGroupMeeting();
      m.group = g as any;
      m.heldAt = heldAt;
      m.place = place;
      m.agenda = agenda;
      m.minutesNumber = minutesNumber;
      m.minutes = minutes;
      m.attendeeIds = attendeeIds;
      m.recordedBy = this.ctx.actor.userId ? (em.getReference(User, this.ctx.actor.userId) as any) : null;
      m.recordedAt = this.now;
      em.persist(m);
      for (const d of decisions) {
        const x = new WorkingGroupDecision();
        x.group = g as any;
        x.meeting = m as any;
        x.text = d.text;
        x.responsibleOrganization = d.responsibleOrganizationId ? (em.getReference(Organization, d.responsibleOrganizationId) as any) : null;
        x.dueDate = d.dueDate;
        em.persist(x);
      }
      await em.flush();
      this.history(em, { regionId: g.region.id, entityType: 'working_group', entityId: g.id, action: 'record_meeting', after: { meetingId: m.id, attendees: attendeeIds.length, decisions: decisions.length } });
      await em.flush();
      return m;
    });
  }

  /** The follow-up of a decision: by the department, or by the organization responsible for it. */
  async followUpDecision(decisionId: string, input: { status: 'done' | 'cancelled'; followUp: string; expectedVersion?: number | null }): Promise<WorkingGroupDecision> {
    authorize(this.ctx.actor, 'followUpWorkingGroupDecision');
    const followUp = requireText('followUp', input.followUp, 10, 10_000, 'What was done');
    return this.tx(async (em) => {
      const d = await em.findOne(WorkingGroupDecision, { id: requireUuid('decisionId', decisionId) }, { lockMode: LockMode.PESSIMISTIC_WRITE });
      if (!d) throw notFound('Decision', decisionId);
      if (isRestrictedToOwnOrganization(this.ctx.actor)) {
        if (input.status !== 'done') throw notFound('Decision', decisionId);
        if (!d.responsibleOrganization || !(await isOwnOrganization(em, this.ctx.actor.organizationId, d.responsibleOrganization.id))) throw notFound('Decision', decisionId);
      }
      if (input.expectedVersion != null && input.expectedVersion !== d.version) throw conflict('The decision was changed by someone else', { reason: 'STALE_VERSION' });
      const before = d.status;
      d.status = nextDecisionStatus(d.status, input.status);
      d.followUp = followUp;
      d.followedUpAt = this.now;
      const g = await em.findOneOrFail(WorkingGroup, { id: d.group.id });
      this.history(em, { regionId: g.region.id, entityType: 'working_group_decision', entityId: d.id, action: 'follow_up', before: { status: before }, after: { status: d.status } });
      await em.flush();
      return d;
    });
  }

  async close(groupId: string, input: { note: string; expectedVersion?: number | null }): Promise<WorkingGroup> {
    authorize(this.ctx.actor, 'manageWorkingGroups');
    const note = requireText('note', input.note, 10, 10_000, 'The closing note');
    return this.tx(async (em) => {
      const g = await this.lock(em, groupId, input.expectedVersion);
      assertActive(g);
      const [{ n }] = await query<{ n: number }>(em, "select count(*)::int as n from working_group_decision where group_id = ? and status = 'open'", [g.id]);
      assertClosable(n);
      g.status = 'closed';
      g.closingNote = note;
      g.closedAt = this.now;
      this.history(em, { regionId: g.region.id, entityType: 'working_group', entityId: g.id, action: 'close', before: { status: 'active' }, after: { status: 'closed' } });
      await em.flush();
      return g;
    });
  }
}
