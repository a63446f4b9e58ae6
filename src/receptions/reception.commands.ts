import { LockMode, type EntityManager } from '@mikro-orm/postgresql';
import { authorize, isRestrictedToOwnOrganization } from '../access/policy';
import { AppealCommands } from '../appeals/appeal.commands';
import { Appeal } from '../appeals/appeal.entity';
import type { AppealForm } from '../appeals/domain/deadline-rules';
import type { Language } from '../appeals/domain/vocabulary';
import { clean, optionalIntId, optionalText, requireIntId, requireText, requireUuid } from '../control/domain/input';
import { queryOne, query } from '../db/sql';
import { AdminUnit } from '../geo/admin-unit.entity';
import { recordHistory, type HistoryEntry } from '../history/record';
import { InstructionCommands } from '../instructions/instruction.commands';
import { Instruction } from '../instructions/instruction.entity';
import { Organization } from '../organizations/organization.entity';
import type { CommandContext } from '../shared/command-context';
import { badInput, conflict, notFound } from '../shared/errors';
import { Topic } from '../topics/topic.entity';
import { User } from '../users/user.entity';
import {
  ACTIVE_BOOKING_STATUSES,
  assertBookable,
  nextBookingStatus,
  validateSessionPlan,
  type AttendanceMark,
  type ReceptionKind,
  type ReceptionOfficial,
} from './domain/reception-rules';
import { checkVisitor, type VisitorInput } from './domain/visitor';
import { ReceptionBooking, ReceptionInstruction, ReceptionSession } from './reception.entity';

export interface ScheduleSessionInput {
  organizationId: string;
  officialKind: ReceptionOfficial;
  officialName: string;
  kind: ReceptionKind;
  startsAt: Date;
  endsAt: Date;
  place?: string | null;
  link?: string | null;
  settlementUnitId?: string | null;
  capacity: number;
  supervisingDeputy?: string | null;
  withPaAppealsHead?: boolean | null;
}

export interface ReceptionAppealInput {
  form: AppealForm;
  text: string;
  summary?: string | null;
  language?: Language | null;
  adminUnitId: string;
  addresseeId: string;
  topicId?: string | null;
  /** The postal address, when the booking did not give one (APPK art. 63). */
  applicantAddress?: string | null;
}

export interface ReceptionInstructionInput {
  number: string;
  text: string;
  dueDate: string;
  assigneeIds: string[];
}

export interface RecordOutcomeInput {
  note?: string | null;
  appeal?: ReceptionAppealInput | null;
  instructions?: ReceptionInstructionInput[] | null;
}

/** Organizations an executor acts for: its own and those directly below it. */
export async function isOwnOrganization(em: EntityManager, actorOrgId: string | null, orgId: string): Promise<boolean> {
  if (!actorOrgId) return false;
  const row = await queryOne(em, 'select 1 from organization where id = ? and (id = ? or parent_id = ?)', [orgId, actorOrgId, actorOrgId]);
  return Boolean(row);
}

/** Personal receptions: schedule, book, cancel, attendance, outcomes (regulation 6). One transaction per use case. */
export class ReceptionCommands {
  constructor(private readonly ctx: CommandContext) {}

  private get now() {
    return this.ctx.now();
  }

  private tx<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    return this.ctx.em.transactional((em) => work(em as EntityManager));
  }

  private history(em: EntityManager, entry: Omit<HistoryEntry, 'regionId'> & { regionId: number }) {
    recordHistory(em, this.ctx, entry, this.now);
  }

  private async lockSession(em: EntityManager, id: string): Promise<ReceptionSession> {
    requireUuid('sessionId', id);
    const s = await em.findOne(ReceptionSession, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
    if (!s) throw notFound('Reception session', id);
    if (isRestrictedToOwnOrganization(this.ctx.actor) && !(await isOwnOrganization(em, this.ctx.actor.organizationId, s.organization.id))) {
      throw notFound('Reception session', id);
    }
    return s;
  }

  private async lockBooking(em: EntityManager, id: string, expectedVersion?: number | null): Promise<{ booking: ReceptionBooking; session: ReceptionSession }> {
    requireUuid('bookingId', id);
    const b = await em.findOne(ReceptionBooking, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
    if (!b) throw notFound('Reception booking', id);
    const session = await em.findOneOrFail(ReceptionSession, { id: b.session.id });
    if (isRestrictedToOwnOrganization(this.ctx.actor) && !(await isOwnOrganization(em, this.ctx.actor.organizationId, session.organization.id))) {
      throw notFound('Reception booking', id);
    }
    if (expectedVersion != null && expectedVersion !== b.version) {
      throw conflict(`The booking was changed by someone else (version ${b.version})`, { reason: 'STALE_VERSION' });
    }
    return { booking: b, session };
  }

  async schedule(input: ScheduleSessionInput): Promise<ReceptionSession> {
    authorize(this.ctx.actor, 'scheduleReceptionSession');
    const organizationId = requireUuid('organizationId', input.organizationId);
    const officialName = requireText('officialName', input.officialName, 3, 300, 'The official’s name and position');
    const place = optionalText('place', input.place, 500);
    const link = optionalText('link', input.link, 1000);
    const supervisingDeputy = optionalText('supervisingDeputy', input.supervisingDeputy, 300);
    const settlementUnitId = optionalIntId('settlementUnitId', input.settlementUnitId);
    validateSessionPlan(
      {
        official: input.officialKind,
        kind: input.kind,
        startsAt: input.startsAt,
        endsAt: input.endsAt,
        place,
        link,
        capacity: input.capacity,
        withPaAppealsHead: input.withPaAppealsHead ?? false,
        settlementUnitId,
      },
      this.now,
    );
    return this.tx(async (em) => {
      const org = await em.findOne(Organization, { id: organizationId });
      if (!org) throw badInput('organizationId', `No organization ${organizationId}`);
      if (isRestrictedToOwnOrganization(this.ctx.actor) && !(await isOwnOrganization(em, this.ctx.actor.organizationId, org.id))) {
        throw notFound('Organization', organizationId);
      }
      if (settlementUnitId != null && !(await em.findOne(AdminUnit, { id: settlementUnitId }))) {
        throw badInput('settlementUnitId', `No admin unit ${settlementUnitId}`);
      }
      const s = new ReceptionSession();
      s.region = em.getReference(AdminUnit, org.region.id) as any;
      s.organization = org as any;
      s.officialKind = input.officialKind;
      s.officialName = officialName;
      s.kind = input.kind;
      s.startsAt = input.startsAt;
      s.endsAt = input.endsAt;
      s.place = place;
      s.link = link;
      s.settlementUnit = settlementUnitId != null ? (em.getReference(AdminUnit, settlementUnitId) as any) : null;
      s.capacity = input.capacity;
      s.supervisingDeputy = supervisingDeputy;
      s.withPaAppealsHead = input.withPaAppealsHead ?? false;
      s.createdBy = this.ctx.actor.userId ? (em.getReference(User, this.ctx.actor.userId) as any) : null;
      s.createdAt = this.now;
      em.persist(s);
      await em.flush();
      this.history(em, {
        regionId: org.region.id,
        entityType: 'reception_session',
        entityId: s.id,
        action: 'schedule',
        after: { organizationId: org.id, officialKind: s.officialKind, kind: s.kind, startsAt: s.startsAt.toISOString(), endsAt: s.endsAt.toISOString(), capacity: s.capacity },
      });
      await em.flush();
      return s;
    });
  }

  async cancelSession(sessionId: string, input: { reason: string; expectedVersion?: number | null }): Promise<ReceptionSession> {
    authorize(this.ctx.actor, 'cancelReceptionSession');
    const reason = requireText('reason', input.reason, 10, 2000, 'The reason for cancelling');
    return this.tx(async (em) => {
      const s = await this.lockSession(em, sessionId);
      if (input.expectedVersion != null && input.expectedVersion !== s.version) {
        throw conflict(`The session was changed by someone else (version ${s.version})`, { reason: 'STALE_VERSION' });
      }
      if (s.status === 'cancelled') throw conflict('The reception is already cancelled', { reason: 'SESSION_CANCELLED' });
      if (this.now.getTime() >= s.startsAt.getTime()) throw conflict('The reception has already started', { reason: 'SESSION_STARTED' });
      s.status = 'cancelled';
      s.cancelReason = reason;
      const affected = await query<{ id: string }>(
        em,
        `update reception_booking set status = 'cancelled', cancel_reason = ?, version = version + 1 where session_id = ? and status = 'booked' returning id`,
        [`The reception was cancelled: ${reason}`, s.id],
      );
      this.history(em, {
        regionId: s.region.id,
        entityType: 'reception_session',
        entityId: s.id,
        action: 'cancel',
        before: { status: 'scheduled' },
        after: { status: 'cancelled', reason, bookingsCancelled: affected.length },
      });
      await em.flush();
      return s;
    });
  }

  async book(input: { sessionId: string; person: VisitorInput; subject: string; topicId?: string | null }): Promise<ReceptionBooking> {
    authorize(this.ctx.actor, 'bookReception');
    const person = checkVisitor(input.person ?? ({} as VisitorInput));
    const subject = requireText('subject', input.subject, 5, 2000, 'The topic the person comes with');
    const topicId = optionalIntId('topicId', input.topicId);
    return this.tx(async (em) => {
      // The session row lock serializes bookings of one session (capacity); the advisory lock, bookings of one
      // person across sessions (clashes).
      const s = await this.lockSession(em, input.sessionId);
      await query(em, 'select pg_advisory_xact_lock(hashtext(?))', [`reception:${person.personKey}`]);
      if (topicId != null && !(await em.findOne(Topic, { id: topicId }))) throw badInput('topicId', `No topic ${topicId}`);
      const [{ n }] = await query<{ n: number }>(em, `select count(*)::int as n from reception_booking where session_id = ? and status = any(?::text[])`, [
        s.id,
        `{${ACTIVE_BOOKING_STATUSES.join(',')}}`,
      ]);
      const others = await query<{ session_id: string; starts_at: string; ends_at: string }>(
        em,
        `select b.session_id, s.starts_at, s.ends_at from reception_booking b join reception_session s on s.id = b.session_id
          where b.person_key = ? and b.status = any(?::text[]) and s.status <> 'cancelled' and s.starts_at < ? and s.ends_at > ?`,
        [person.personKey, `{${ACTIVE_BOOKING_STATUSES.join(',')}}`, s.endsAt, s.startsAt],
      );
      assertBookable(
        s,
        n,
        others.map((o) => ({ sessionId: o.session_id, startsAt: new Date(o.starts_at), endsAt: new Date(o.ends_at) })),
        this.now,
      );
      const b = new ReceptionBooking();
      b.region = s.region;
      b.session = s as any;
      Object.assign(b, {
        fullName: person.fullName,
        iin: person.iin,
        phone: person.phone,
        email: person.email,
        address: person.address,
        organizationName: person.organizationName,
        bin: person.bin,
        personKey: person.personKey,
      });
      b.subject = subject;
      b.topic = topicId != null ? (em.getReference(Topic, topicId) as any) : null;
      b.bookedAt = this.now;
      b.bookedBy = this.ctx.actor.userId ? (em.getReference(User, this.ctx.actor.userId) as any) : null;
      em.persist(b);
      await em.flush();
      // No personal data in the history record: the booking's id stands for the person.
      this.history(em, { regionId: s.region.id, entityType: 'reception_booking', entityId: b.id, action: 'book', after: { sessionId: s.id, topicId } });
      await em.flush();
      return b;
    });
  }

  async recordAttendance(bookingId: string, input: { mark: AttendanceMark; reason?: string | null; expectedVersion?: number | null }): Promise<ReceptionBooking> {
    authorize(this.ctx.actor, 'recordReceptionAttendance');
    const reason = optionalText('reason', input.reason, 2000);
    if (input.mark === 'cancelled' && (!reason || reason.length < 5)) throw badInput('reason', 'Say why the booking is cancelled (at least 5 characters)');
    return this.tx(async (em) => {
      const { booking, session } = await this.lockBooking(em, bookingId, input.expectedVersion);
      const before = booking.status;
      booking.status = nextBookingStatus(booking.status, input.mark, session, this.now);
      if (input.mark === 'cancelled') booking.cancelReason = reason;
      else booking.attendanceAt = this.now;
      this.history(em, { regionId: session.region.id, entityType: 'reception_booking', entityId: booking.id, action: `attendance_${input.mark}`, before: { status: before }, after: { status: booking.status } });
      await em.flush();
      return booking;
    });
  }

  /**
   * What came of a reception for one person: a note, the appeal registered from it (channel personal_reception,
   * through AppealCommands) and the instructions the official gave (source personal_reception, through
   * InstructionCommands), all in one transaction.
   */
  async recordOutcome(bookingId: string, input: RecordOutcomeInput): Promise<ReceptionBooking> {
    authorize(this.ctx.actor, 'recordReceptionOutcome');
    const note = optionalText('note', input.note, 5000);
    const instructions = input.instructions ?? [];
    if (!note && !input.appeal && instructions.length === 0) throw badInput('note', 'Record what came of the reception: a note, an appeal or instructions');
    if (instructions.length > 20) throw badInput('instructions', 'at most 20 instructions');
    return this.tx(async (em) => {
      const { booking, session } = await this.lockBooking(em, bookingId);
      if (booking.status !== 'attended') throw conflict('Outcomes are recorded for a person who came to the reception', { reason: 'NOT_ATTENDED', status: booking.status });
      const inner = { ...this.ctx, em };
      let appealId = booking.appeal?.id ?? null;
      if (input.appeal) {
        if (appealId) throw conflict('The appeal from this reception is already registered', { reason: 'APPEAL_ALREADY_RECORDED', appealId });
        const a = input.appeal;
        const appeal = await new AppealCommands(inner).register({
          form: a.form,
          channel: 'personal_reception',
          receivedAt: session.startsAt,
          text: a.text,
          summary: a.summary ?? null,
          language: a.language ?? null,
          adminUnitId: String(requireIntId('appeal.adminUnitId', a.adminUnitId)),
          addresseeId: requireUuid('appeal.addresseeId', a.addresseeId),
          topicId: a.topicId ?? (booking.topic ? String(booking.topic.id) : null),
          applicants: [
            booking.bin
              ? { kind: 'legal', organizationName: booking.organizationName, bin: booking.bin, fullName: booking.fullName, phone: booking.phone, email: booking.email, address: clean(a.applicantAddress) ?? booking.address }
              : { kind: 'individual', fullName: booking.fullName, iin: booking.iin, phone: booking.phone, email: booking.email, address: clean(a.applicantAddress) ?? booking.address },
          ],
        });
        appealId = appeal.id;
        booking.appeal = em.getReference(Appeal, appeal.id) as any;
      }
      const issued: string[] = [];
      for (const [k, ins] of instructions.entries()) {
        const i = await new InstructionCommands(inner).issue({
          number: ins.number,
          source: 'personal_reception',
          issuer: session.officialName,
          text: ins.text,
          issuedAt: this.now.getTime() < session.endsAt.getTime() ? this.now : session.endsAt,
          dueDate: ins.dueDate,
          assigneeIds: ins.assigneeIds,
          appealIds: appealId ? [appealId] : [],
          regionId: String(session.region.id),
        }).catch((e) => {
          // Report the field inside the list the caller sent.
          if (e?.field) e.field = `instructions[${k}].${e.field}`;
          throw e;
        });
        const link = new ReceptionInstruction();
        link.region = session.region;
        link.booking = booking as any;
        link.instruction = em.getReference(Instruction, i.id) as any;
        em.persist(link);
        issued.push(i.id);
      }
      if (note) booking.outcomeNote = note;
      this.history(em, {
        regionId: session.region.id,
        entityType: 'reception_booking',
        entityId: booking.id,
        appealId,
        action: 'record_outcome',
        after: { appealId, instructionIds: issued, note: Boolean(note) },
      });
      await em.flush();
      return booking;
    });
  }
}
