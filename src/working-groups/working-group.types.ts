import { DateTimeResolver, LocalDateResolver } from 'graphql-scalars';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { toDate } from '../db/sql';
import {
  WorkingGroupDecisionStatusEnum,
  WorkingGroupKindEnum,
  WorkingGroupMemberKindEnum,
  WorkingGroupMemberRoleEnum,
  WorkingGroupStatusEnum,
} from '../graphql/enums';
import type { DecisionStatus, GroupKind, GroupStatus, MemberKind, MemberRole } from './domain/working-group-rules';

@ObjectType('WorkingGroup', { description: 'A working group on an issue of wide public outcry (8.3), or a hearing (8.7)' })
export class WorkingGroupView {
  @Field(() => ID) id!: string;
  @Field(() => WorkingGroupKindEnum) kind!: GroupKind;
  @Field(() => String) name!: string;
  @Field(() => String) issue!: string;
  @Field(() => WorkingGroupStatusEnum) status!: GroupStatus;
  @Field(() => String, { nullable: true }) closingNote!: string | null;
  @Field(() => DateTimeResolver, { nullable: true }) closedAt!: Date | null;
  @Field(() => DateTimeResolver) createdAt!: Date;
  @Field(() => Int) version!: number;
}

export const toGroupView = (r: any): WorkingGroupView => ({
  id: r.id,
  kind: r.kind,
  name: r.name,
  issue: r.issue,
  status: r.status,
  closingNote: r.closing_note,
  closedAt: toDate(r.closed_at),
  createdAt: toDate(r.created_at)!,
  version: r.version,
});

@ObjectType('WorkingGroupMember')
export class MemberView {
  @Field(() => ID) id!: string;
  @Field(() => WorkingGroupMemberKindEnum) kind!: MemberKind;
  @Field(() => WorkingGroupMemberRoleEnum) role!: MemberRole;
  @Field(() => String) fullName!: string;
  @Field(() => String, { nullable: true }) affiliation!: string | null;
  @Field(() => ID, { nullable: true }) userId!: string | null;
  @Field(() => ID, { nullable: true }) organizationId!: string | null;
  groupId!: string;
}

export const toMemberView = (r: any): MemberView => ({
  id: r.id,
  kind: r.kind,
  role: r.role,
  fullName: r.full_name,
  affiliation: r.affiliation,
  userId: r.user_id,
  organizationId: r.organization_id,
  groupId: r.group_id,
});

@ObjectType('WorkingGroupMeeting', { description: 'A meeting with its minutes (протокол)' })
export class MeetingView {
  @Field(() => ID) id!: string;
  @Field(() => DateTimeResolver) heldAt!: Date;
  @Field(() => String) place!: string;
  @Field(() => String, { nullable: true }) agenda!: string | null;
  @Field(() => String, { nullable: true }) minutesNumber!: string | null;
  @Field(() => String) minutes!: string;
  @Field(() => [ID], { description: 'Members present' }) attendeeIds!: string[];
}

export const toMeetingView = (r: any): MeetingView => ({
  id: r.id,
  heldAt: toDate(r.held_at)!,
  place: r.place,
  agenda: r.agenda,
  minutesNumber: r.minutes_number,
  minutes: r.minutes,
  attendeeIds: typeof r.attendee_ids === 'string' ? JSON.parse(r.attendee_ids) : r.attendee_ids,
});

@ObjectType('WorkingGroupDecision', { description: 'A decision taken at a meeting, and its follow-up' })
export class DecisionView {
  @Field(() => ID) id!: string;
  @Field(() => ID) meetingId!: string;
  @Field(() => String) text!: string;
  @Field(() => ID, { nullable: true }) responsibleOrganizationId!: string | null;
  @Field(() => LocalDateResolver, { nullable: true }) dueDate!: string | null;
  @Field(() => WorkingGroupDecisionStatusEnum) status!: DecisionStatus;
  @Field(() => String, { nullable: true }) followUp!: string | null;
  @Field(() => DateTimeResolver, { nullable: true }) followedUpAt!: Date | null;
  @Field(() => Int) version!: number;
}

export const toDecisionView = (r: any): DecisionView => ({
  id: r.id,
  meetingId: r.meeting_id,
  text: r.text,
  responsibleOrganizationId: r.responsible_organization_id,
  dueDate: r.due_date,
  status: r.status,
  followUp: r.follow_up,
  followedUpAt: toDate(r.followed_up_at),
  version: r.version,
});
