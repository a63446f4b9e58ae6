import { Entity, Enum, ManyToOne, PrimaryKey, Property, Unique, type Ref } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { AdminUnit } from '../geo/admin-unit.entity';
import { Organization } from '../organizations/organization.entity';
import { User } from '../users/user.entity';
import {
  DECISION_STATUSES,
  GROUP_KINDS,
  GROUP_STATUSES,
  MEMBER_KINDS,
  MEMBER_ROLES,
  type DecisionStatus,
  type GroupKind,
  type GroupStatus,
  type MemberKind,
  type MemberRole,
} from './domain/working-group-rules';

/** A working group (рабочая группа) or a hearing on an issue of wide public outcry. */
@Entity({ tableName: 'working_group' })
export class WorkingGroup {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => AdminUnit, { ref: true, index: true })
  region!: Ref<AdminUnit>;

  @Enum({ items: () => [...GROUP_KINDS], type: 'string' })
  kind!: GroupKind;

  @Property({ type: 'text' })
  name!: string;

  /** The issue that caused the public outcry. */
  @Property({ type: 'text' })
  issue!: string;

  @Enum({ items: () => [...GROUP_STATUSES], type: 'string' })
  status: GroupStatus = 'active';

  @Property({ type: 'text', nullable: true })
  closingNote?: string | null;

  @Property({ type: 'timestamptz', nullable: true })
  closedAt?: Date | null;

  @ManyToOne(() => User, { ref: true, nullable: true })
  createdBy?: Ref<User> | null;

  @Property({ type: 'timestamptz' })
  createdAt!: Date;

  @Property({ type: 'integer', version: true })
  version: number = 1;
}

/** A problem card (src/analytics, another feature's table) the group addresses. */
@Entity({ tableName: 'working_group_problem_card' })
@Unique({ properties: ['group', 'problemCardId'] })
export class WorkingGroupProblemCard {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => WorkingGroup, { ref: true })
  group!: Ref<WorkingGroup>;

  @Property({ type: 'uuid', index: true })
  problemCardId!: string;
}

@Entity({ tableName: 'working_group_member' })
export class WorkingGroupMember {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => WorkingGroup, { ref: true, index: true })
  group!: Ref<WorkingGroup>;

  @Enum({ items: () => [...MEMBER_KINDS], type: 'string' })
  kind!: MemberKind;

  @Enum({ items: () => [...MEMBER_ROLES], type: 'string' })
  role!: MemberRole;

  @Property({ type: 'text' })
  fullName!: string;

  /** Where the member comes from (a body, an NGO, a university…). */
  @Property({ type: 'text', nullable: true })
  affiliation?: string | null;

  @ManyToOne(() => User, { ref: true, nullable: true })
  user?: Ref<User> | null;

  @ManyToOne(() => Organization, { ref: true, nullable: true })
  organization?: Ref<Organization> | null;

  @Property({ type: 'timestamptz' })
  addedAt!: Date;
}

@Entity({ tableName: 'working_group_meeting' })
export class WorkingGroupMeeting {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => WorkingGroup, { ref: true, index: true })
  group!: Ref<WorkingGroup>;

  @Property({ type: 'timestamptz' })
  heldAt!: Date;

  @Property({ type: 'text' })
  place!: string;

  @Property({ type: 'text', nullable: true })
  agenda?: string | null;

  /** The minutes (протокол), its number and text. */
  @Property({ type: 'string', length: 64, nullable: true })
  minutesNumber?: string | null;

  @Property({ type: 'text' })
  minutes!: string;

  /** Member ids present. */
  @Property({ type: 'json' })
  attendeeIds!: string[];

  @ManyToOne(() => User, { ref: true, nullable: true })
  recordedBy?: Ref<User> | null;

  @Property({ type: 'timestamptz' })
  recordedAt!: Date;
}

@Entity({ tableName: 'working_group_decision' })
export class WorkingGroupDecision {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => WorkingGroup, { ref: true, index: true })
  group!: Ref<WorkingGroup>;

  @ManyToOne(() => WorkingGroupMeeting, { ref: true })
  meeting!: Ref<WorkingGroupMeeting>;

  @Property({ type: 'text' })
  text!: string;

  @ManyToOne(() => Organization, { ref: true, nullable: true, index: true })
  responsibleOrganization?: Ref<Organization> | null;

  @Property({ type: 'string', columnType: 'date', nullable: true })
  dueDate?: string | null;

  @Enum({ items: () => [...DECISION_STATUSES], type: 'string' })
  status: DecisionStatus = 'open';

  @Property({ type: 'text', nullable: true })
  followUp?: string | null;

  @Property({ type: 'timestamptz', nullable: true })
  followedUpAt?: Date | null;

  @Property({ type: 'integer', version: true })
  version: number = 1;
}
