import { DateTimeResolver, LocalDateResolver } from 'graphql-scalars';
import { Arg, Ctx, Field, FieldResolver, ID, InputType, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { presentPerson } from '../access/personal-data';
import { authorize, can, isRestrictedToOwnOrganization } from '../access/policy';
import { commandsFor } from '../appeals/appeal.resolver';
import { AppealView } from '../appeals/appeal.types';
import type { AppealForm } from '../appeals/domain/deadline-rules';
import type { Language } from '../appeals/domain/vocabulary';
import { AdminUnitView } from '../geo/admin-unit.types';
import type { RequestContext } from '../graphql/context';
import {
  AppealFormEnum,
  LanguageEnum,
  OrgKindEnum,
  ReceptionKindEnum,
  ReceptionOfficialEnum,
  ReceptionSessionStateEnum,
} from '../graphql/enums';
import { InstructionView } from '../instructions/instruction.types';
import { OrganizationView } from '../organizations/organization.types';
import type { OrgKind } from '../organizations/vocabulary';
import { requireDate } from '../control/domain/input';
import { notFound } from '../shared/errors';
import { TopicView } from '../topics/topic.types';
import { sessionState, type ReceptionKind, type ReceptionOfficial, type SessionState } from './domain/reception-rules';
import { ReceptionCommands } from './reception.commands';
import { findVisibleSession, listSessions, MONITORED_KINDS, receptionMonitoring } from './reception.queries';
import { ReceptionBookingView, ReceptionMonitoringRow, ReceptionSessionView, ReceptionVisitorView } from './reception.types';
import { registerEnumType } from 'type-graphql';

export const AttendanceMarkEnum = { CAME: 'attended', DID_NOT_COME: 'no_show', CANCELLED: 'cancelled' } as const;
registerEnumType(AttendanceMarkEnum, { name: 'ReceptionAttendanceMark', description: 'Came, did not come, or cancelled' });

@InputType('ReceptionSessionFilter')
class ReceptionSessionFilter {
  @Field(() => ID, { nullable: true, description: 'Held by this body (or one directly below it)' }) organizationId?: string | null;
  @Field(() => [ReceptionKindEnum], { nullable: true }) kind?: ReceptionKind[] | null;
  @Field(() => LocalDateResolver, { nullable: true, description: 'Starting on or after this day' }) from?: string | null;
  @Field(() => LocalDateResolver, { nullable: true, description: 'Starting on or before this day' }) to?: string | null;
  @Field(() => Boolean, { nullable: true, defaultValue: false }) includeCancelled?: boolean | null;
}

@InputType('ScheduleReceptionSessionInput')
class ScheduleReceptionSessionInput {
  @Field(() => ID, { description: 'The body whose official holds it' }) organizationId!: string;
  @Field(() => ReceptionOfficialEnum) officialKind!: ReceptionOfficial;
  @Field(() => String, { description: 'Name and position, e.g. "Аким области Бозумбаев К. А."' }) officialName!: string;
  @Field(() => ReceptionKindEnum) kind!: ReceptionKind;
  @Field(() => DateTimeResolver) startsAt!: Date;
  @Field(() => DateTimeResolver) endsAt!: Date;
  @Field(() => String, { nullable: true }) place?: string | null;
  @Field(() => String, { nullable: true }) link?: string | null;
  @Field(() => ID, { nullable: true, description: 'The settlement (district) a visiting reception goes to' }) settlementUnitId?: string | null;
  @Field(() => Int) capacity!: number;
  @Field(() => String, { nullable: true }) supervisingDeputy?: string | null;
  @Field(() => Boolean, { nullable: true }) withPaAppealsHead?: boolean | null;
}

@InputType('CancelReceptionSessionInput')
class CancelReceptionSessionInput {
  @Field(() => ID) sessionId!: string;
  @Field(() => String) reason!: string;
  @Field(() => Int, { nullable: true }) expectedVersion?: number | null;
}

@InputType('ReceptionVisitorInput')
class ReceptionVisitorInput {
  @Field(() => String) fullName!: string;
  @Field(() => String, { nullable: true }) iin?: string | null;
  @Field(() => String, { nullable: true }) phone?: string | null;
  @Field(() => String, { nullable: true }) email?: string | null;
  @Field(() => String, { nullable: true }) address?: string | null;
  @Field(() => String, { nullable: true }) organizationName?: string | null;
  @Field(() => String, { nullable: true }) bin?: string | null;
}

@InputType('BookReceptionInput')
class BookReceptionInput {
  @Field(() => ID) sessionId!: string;
  @Field(() => ReceptionVisitorInput) person!: ReceptionVisitorInput;
  @Field(() => String, { description: 'The topic the person comes with' }) subject!: string;
  @Field(() => ID, { nullable: true }) topicId?: string | null;
}

@InputType('RecordReceptionAttendanceInput')
class RecordReceptionAttendanceInput {
  @Field(() => ID) bookingId!: string;
  @Field(() => AttendanceMarkEnum) mark!: 'attended' | 'no_show' | 'cancelled';
  @Field(() => String, { nullable: true, description: 'Why a booking is cancelled' }) reason?: string | null;
  @Field(() => Int, { nullable: true }) expectedVersion?: number | null;
}

@InputType('ReceptionAppealInput')
class ReceptionAppealInputGql {
  @Field(() => AppealFormEnum) form!: AppealForm;
  @Field(() => String, { description: 'The essence, as written in the protocol of the oral appeal' }) text!: string;
  @Field(() => String, { nullable: true }) summary?: string | null;
  @Field(() => LanguageEnum, { nullable: true }) language?: Language | null;
  @Field(() => ID) adminUnitId!: string;
  @Field(() => ID) addresseeId!: string;
  @Field(() => ID, { nullable: true }) topicId?: string | null;
  @Field(() => String, { nullable: true, description: 'Postal address, if the booking has none' }) applicantAddress?: string | null;
}

@InputType('ReceptionInstructionInput')
class ReceptionInstructionInputGql {
  @Field(() => String) number!: string;
  @Field(() => String) text!: string;
  @Field(() => LocalDateResolver) dueDate!: string;
  @Field(() => [ID]) assigneeIds!: string[];
}

@InputType('RecordReceptionOutcomeInput')
class RecordReceptionOutcomeInput {
  @Field(() => ID) bookingId!: string;
  @Field(() => String, { nullable: true }) note?: string | null;
  @Field(() => ReceptionAppealInputGql, { nullable: true, description: 'Register the appeal the person made (channel: personal reception)' })
  appeal?: ReceptionAppealInputGql | null;
  @Field(() => [ReceptionInstructionInputGql], { nullable: true, description: 'Instructions the official gave (source: personal reception)' })
  instructions?: ReceptionInstructionInputGql[] | null;
}

const loaders = (ctx: RequestContext) => ctx.loaders;

@Resolver(() => ReceptionSessionView)
export class ReceptionSessionResolver {
  @Query(() => [ReceptionSessionView], { description: 'Personal reception sessions, latest first' })
  async receptionSessions(
    @Ctx() ctx: RequestContext,
    @Arg('filter', () => ReceptionSessionFilter, { nullable: true }) filter?: ReceptionSessionFilter | null,
    @Arg('first', () => Int, { nullable: true, defaultValue: 50 }) first?: number | null,
  ) {
    authorize(ctx.actor, 'readReceptions');
    if (filter?.from) requireDate('filter.from', filter.from);
    return listSessions(ctx.em, ctx.actor, filter ?? {}, first ?? 50);
  }

  @Query(() => ReceptionSessionView)
  async receptionSession(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string) {
    authorize(ctx.actor, 'readReceptions');
    const s = await findVisibleSession(ctx.em, ctx.actor, id);
    if (!s) throw notFound('Reception session', id);
    return s;
  }

  @Query(() => [ReceptionMonitoringRow], { description: 'Personal receptions of district and rural akimats over a period (6.5, 6.6)' })
  async receptionMonitoring(
    @Ctx() ctx: RequestContext,
    @Arg('from', () => LocalDateResolver) from: string,
    @Arg('to', () => LocalDateResolver) to: string,
    @Arg('organizationKinds', () => [OrgKindEnum], { nullable: true }) organizationKinds?: OrgKind[] | null,
  ) {
    authorize(ctx.actor, 'readReceptionMonitoring');
    return receptionMonitoring(ctx.em, ctx.actor, { from, to, kinds: organizationKinds?.length ? organizationKinds : MONITORED_KINDS, now: ctx.now() });
  }

  @FieldResolver(() => ReceptionSessionStateEnum)
  state(@Root() s: ReceptionSessionView, @Ctx() ctx: RequestContext): SessionState {
    return sessionState(s, ctx.now());
  }

  @FieldResolver(() => OrganizationView)
  organization(@Root() s: ReceptionSessionView, @Ctx() ctx: RequestContext) {
    return ctx.loaders.organization.load(s.organizationId);
  }

  @FieldResolver(() => AdminUnitView, { nullable: true, description: 'Where a visiting reception goes' })
  settlementUnit(@Root() s: ReceptionSessionView, @Ctx() ctx: RequestContext) {
    return s.settlementUnitId ? ctx.loaders.adminUnit.load(s.settlementUnitId) : null;
  }

  @FieldResolver(() => Int, { description: 'Places taken (booked or came)' })
  async placesTaken(@Root() s: ReceptionSessionView, @Ctx() ctx: RequestContext) {
    return (await loaders(ctx).bookingsBySession.load(s.id)).filter((b) => b.status === 'booked' || b.status === 'attended').length;
  }

  @FieldResolver(() => [ReceptionBookingView])
  bookings(@Root() s: ReceptionSessionView, @Ctx() ctx: RequestContext) {
    return loaders(ctx).bookingsBySession.load(s.id);
  }

  private async reload(ctx: RequestContext, id: string) {
    return (await findVisibleSession(ctx.em, ctx.actor, id)) ?? (await findVisibleSession(ctx.em, { ...ctx.actor, system: true }, id));
  }

  @Mutation(() => ReceptionSessionView, { description: 'Schedule a personal reception' })
  async scheduleReceptionSession(@Ctx() ctx: RequestContext, @Arg('input', () => ScheduleReceptionSessionInput) input: ScheduleReceptionSessionInput) {
    const s = await new ReceptionCommands(commandsFor(ctx)).schedule(input);
    return this.reload(ctx, s.id);
  }

  @Mutation(() => ReceptionSessionView, { description: 'Cancel a reception before it starts (its bookings are cancelled)' })
  async cancelReceptionSession(@Ctx() ctx: RequestContext, @Arg('input', () => CancelReceptionSessionInput) input: CancelReceptionSessionInput) {
    await new ReceptionCommands(commandsFor(ctx)).cancelSession(input.sessionId, input);
    return this.reload(ctx, input.sessionId);
  }

  @Mutation(() => ReceptionBookingView, { description: 'Register a person in advance for a reception, with the topic' })
  async bookReception(@Ctx() ctx: RequestContext, @Arg('input', () => BookReceptionInput) input: BookReceptionInput) {
    const b = await new ReceptionCommands(commandsFor(ctx)).book(input);
    return (await loaders(ctx).bookingsBySession.load(b.session.id)).find((x) => x.id === b.id)!;
  }

  @Mutation(() => ReceptionBookingView, { description: 'The person came, did not come, or the booking is cancelled' })
  async recordReceptionAttendance(@Ctx() ctx: RequestContext, @Arg('input', () => RecordReceptionAttendanceInput) input: RecordReceptionAttendanceInput) {
    const b = await new ReceptionCommands(commandsFor(ctx)).recordAttendance(input.bookingId, input);
    return (await loaders(ctx).bookingsBySession.load(b.session.id)).find((x) => x.id === b.id)!;
  }

  @Mutation(() => ReceptionBookingView, { description: 'What came of the reception: a note, the appeal registered, the instructions given' })
  async recordReceptionOutcome(@Ctx() ctx: RequestContext, @Arg('input', () => RecordReceptionOutcomeInput) input: RecordReceptionOutcomeInput) {
    const b = await new ReceptionCommands(commandsFor(ctx)).recordOutcome(input.bookingId, input);
    return (await loaders(ctx).bookingsBySession.load(b.session.id)).find((x) => x.id === b.id)!;
  }
}

@Resolver(() => ReceptionBookingView)
export class ReceptionBookingResolver {
  @FieldResolver(() => ReceptionVisitorView, { nullable: true, description: 'Who booked (personal data: masked or withheld by role)' })
  person(@Root() b: ReceptionBookingView, @Ctx() ctx: RequestContext) {
    return presentPerson(ctx.actor, b.visitor);
  }

  @FieldResolver(() => TopicView, { nullable: true })
  topic(@Root() b: ReceptionBookingView, @Ctx() ctx: RequestContext) {
    return b.topicId ? ctx.loaders.topic.load(b.topicId) : null;
  }

  @FieldResolver(() => AppealView, { nullable: true, description: 'The appeal registered from the reception' })
  appeal(@Root() b: ReceptionBookingView, @Ctx() ctx: RequestContext) {
    // A booking is reached only through a session the actor may see: an executor's are those of its own organization
    // (and those below it), so the appeal registered at that reception is its own organization's too.
    if (!b.appealId || !can(ctx.actor, 'readAppeals')) return null;
    return ctx.loaders.appeal.load(b.appealId);
  }

  @FieldResolver(() => [InstructionView], { description: 'Instructions the official gave at the reception' })
  instructions(@Root() b: ReceptionBookingView, @Ctx() ctx: RequestContext) {
    if (!can(ctx.actor, 'readInstructions') || isRestrictedToOwnOrganization(ctx.actor)) return [];
    return loaders(ctx).instructionsByBooking.load(b.id);
  }
}

export const RECEPTION_RESOLVERS = [ReceptionSessionResolver, ReceptionBookingResolver] as const;
