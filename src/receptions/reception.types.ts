import { DateTimeResolver, LocalDateResolver } from 'graphql-scalars';
import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { toDate } from '../db/sql';
import {
  OrgKindEnum,
  ReceptionBookingStatusEnum,
  ReceptionKindEnum,
  ReceptionOfficialEnum,
} from '../graphql/enums';
import type { OrgKind } from '../organizations/vocabulary';
import type { BookingStatus, ReceptionKind, ReceptionOfficial, SessionStatus } from './domain/reception-rules';

@ObjectType('ReceptionSession', { description: 'A personal reception (личный приём) held by an official' })
export class ReceptionSessionView {
  @Field(() => ID) id!: string;
  @Field(() => ReceptionOfficialEnum) officialKind!: ReceptionOfficial;
  @Field(() => String, { description: 'Name and position of the official holding it' }) officialName!: string;
  @Field(() => ReceptionKindEnum) kind!: ReceptionKind;
  @Field(() => DateTimeResolver) startsAt!: Date;
  @Field(() => DateTimeResolver) endsAt!: Date;
  @Field(() => String, { nullable: true }) place!: string | null;
  @Field(() => String, { nullable: true, description: 'Videoconference link' }) link!: string | null;
  @Field(() => Int) capacity!: number;
  @Field(() => String, { nullable: true, description: 'The supervising deputy who joins (6.2)' }) supervisingDeputy!: string | null;
  @Field(() => Boolean, { description: "With the head of the Presidential Administration's appeals department (6.3)" }) withPaAppealsHead!: boolean;
  @Field(() => String, { nullable: true }) cancelReason!: string | null;
  @Field(() => Int) version!: number;
  status!: SessionStatus;
  organizationId!: string;
  settlementUnitId!: string | null;
  regionId!: string;
}

export function toSessionView(r: any): ReceptionSessionView {
  return {
    id: r.id,
    officialKind: r.official_kind,
    officialName: r.official_name,
    kind: r.kind,
    startsAt: toDate(r.starts_at)!,
    endsAt: toDate(r.ends_at)!,
    place: r.place,
    link: r.link,
    capacity: r.capacity,
    supervisingDeputy: r.supervising_deputy,
    withPaAppealsHead: r.with_pa_appeals_head,
    cancelReason: r.cancel_reason,
    version: r.version,
    status: r.status,
    organizationId: r.organization_id,
    settlementUnitId: r.settlement_unit_id == null ? null : String(r.settlement_unit_id),
    regionId: String(r.region_id),
  };
}

@ObjectType('ReceptionVisitor', { description: 'Who booked: personal data, masked or withheld by role like an applicant' })
export class ReceptionVisitorView {
  @Field(() => String, { nullable: true }) fullName!: string | null;
  @Field(() => String, { nullable: true }) iin!: string | null;
  @Field(() => String, { nullable: true }) phone!: string | null;
  @Field(() => String, { nullable: true }) email!: string | null;
  @Field(() => String, { nullable: true }) address!: string | null;
  @Field(() => String, { nullable: true, description: 'The legal entity represented' }) organizationName!: string | null;
  @Field(() => String, { nullable: true }) bin!: string | null;
  @Field(() => Boolean) masked!: boolean;
}

@ObjectType('ReceptionBooking', { description: 'Preliminary registration of a person to a reception, attendance and outcome' })
export class ReceptionBookingView {
  @Field(() => ID) id!: string;
  @Field(() => ID) sessionId!: string;
  @Field(() => String, { description: 'The topic the person comes with' }) subject!: string;
  @Field(() => ReceptionBookingStatusEnum) status!: BookingStatus;
  @Field(() => DateTimeResolver) bookedAt!: Date;
  @Field(() => DateTimeResolver, { nullable: true }) attendanceAt!: Date | null;
  @Field(() => String, { nullable: true }) cancelReason!: string | null;
  @Field(() => String, { nullable: true }) outcomeNote!: string | null;
  @Field(() => ID, { nullable: true }) appealId!: string | null;
  @Field(() => Int) version!: number;
  topicId!: string | null;
  visitor!: ReceptionVisitorView;
}

export function toBookingView(r: any): ReceptionBookingView {
  return {
    id: r.id,
    sessionId: r.session_id,
    subject: r.subject,
    status: r.status,
    bookedAt: toDate(r.booked_at)!,
    attendanceAt: toDate(r.attendance_at),
    cancelReason: r.cancel_reason,
    outcomeNote: r.outcome_note,
    appealId: r.appeal_id,
    version: r.version,
    topicId: r.topic_id == null ? null : String(r.topic_id),
    visitor: {
      fullName: r.full_name,
      iin: r.iin,
      phone: r.phone,
      email: r.email,
      address: r.address,
      organizationName: r.organization_name,
      bin: r.bin,
      masked: false,
    },
  };
}

@ObjectType('ReceptionMonitoringRow', { description: "One body's personal receptions over a period (regulation 6.5, 6.6)" })
export class ReceptionMonitoringRow {
  @Field(() => ID) organizationId!: string;
  @Field(() => String) organizationName!: string;
  @Field(() => OrgKindEnum) organizationKind!: OrgKind;
  @Field(() => Int, { description: 'Sessions held (not cancelled, ended within the period)' }) sessionsHeld!: number;
  @Field(() => Int) visitingSessions!: number;
  @Field(() => Int) videoconferenceSessions!: number;
  @Field(() => Int) sessionsCancelled!: number;
  @Field(() => Int, { description: 'People registered in advance' }) peopleBooked!: number;
  @Field(() => Int) peopleCame!: number;
  @Field(() => Int) peopleDidNotCome!: number;
  @Field(() => Int, { description: 'Appeals registered from the receptions' }) appealsRegistered!: number;
  @Field(() => Int, { description: 'Instructions given at the receptions' }) instructionsGiven!: number;
  @Field(() => Int) monthsInPeriod!: number;
  @Field(() => Int) monthsWithReceptions!: number;
  @Field(() => Boolean, { description: 'At least one reception held in every month of the period' }) regular!: boolean;
  @Field(() => Float, { nullable: true, description: 'Longest interval between two held receptions, in days' }) longestGapDays!: number | null;
  @Field(() => LocalDateResolver, { nullable: true }) lastHeldOn!: string | null;
}
