import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property, Unique, type Ref } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { Appeal } from '../appeals/appeal.entity';
import { AdminUnit } from '../geo/admin-unit.entity';
import { Instruction } from '../instructions/instruction.entity';
import { Organization } from '../organizations/organization.entity';
import { Topic } from '../topics/topic.entity';
import { User } from '../users/user.entity';
import {
  BOOKING_STATUSES,
  RECEPTION_KINDS,
  RECEPTION_OFFICIALS,
  SESSION_STATUSES,
  type BookingStatus,
  type ReceptionKind,
  type ReceptionOfficial,
  type SessionStatus,
} from './domain/reception-rules';

/** A personal reception session (приём граждан): who holds it, where or by which link, when, how many places. */
@Entity({ tableName: 'reception_session' })
@Index({ properties: ['organization', 'startsAt'] })
@Index({ properties: ['region', 'startsAt'] })
export class ReceptionSession {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => AdminUnit, { ref: true })
  region!: Ref<AdminUnit>;

  /** The body whose official holds it (the apparatus, a district or rural akimat). */
  @ManyToOne(() => Organization, { ref: true })
  organization!: Ref<Organization>;

  @Enum({ items: () => [...RECEPTION_OFFICIALS], type: 'string' })
  officialKind!: ReceptionOfficial;

  @Property({ type: 'text' })
  officialName!: string;

  @Enum({ items: () => [...RECEPTION_KINDS], type: 'string' })
  kind!: ReceptionKind;

  @Property({ type: 'timestamptz' })
  startsAt!: Date;

  @Property({ type: 'timestamptz' })
  endsAt!: Date;

  @Property({ type: 'text', nullable: true })
  place?: string | null;

  @Property({ type: 'text', nullable: true })
  link?: string | null;

  /** Where a visiting reception goes (another settlement). */
  @ManyToOne(() => AdminUnit, { ref: true, nullable: true })
  settlementUnit?: Ref<AdminUnit> | null;

  @Property({ type: 'integer' })
  capacity!: number;

  /** The supervising deputy akim (or deputy head of a subdivision) who joins (6.2). */
  @Property({ type: 'text', nullable: true })
  supervisingDeputy?: string | null;

  /** By videoconference with the head of the Presidential Administration's appeals department (6.3). */
  @Property({ type: 'boolean', default: false })
  withPaAppealsHead: boolean = false;

  @Enum({ items: () => [...SESSION_STATUSES], type: 'string' })
  status: SessionStatus = 'scheduled';

  @Property({ type: 'text', nullable: true })
  cancelReason?: string | null;

  @ManyToOne(() => User, { ref: true, nullable: true })
  createdBy?: Ref<User> | null;

  @Property({ type: 'timestamptz' })
  createdAt!: Date;

  @Property({ type: 'integer', version: true })
  version: number = 1;
}

/** Preliminary registration of an applicant to a session, with the topic; then attendance and what came of it. */
@Entity({ tableName: 'reception_booking' })
@Index({ properties: ['session', 'status'] })
@Index({ properties: ['personKey'] })
export class ReceptionBooking {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => AdminUnit, { ref: true })
  region!: Ref<AdminUnit>;

  @ManyToOne(() => ReceptionSession, { ref: true })
  session!: Ref<ReceptionSession>;

  // Personal data of the visitor: presented through src/access/personal-data.ts like an applicant's.
  @Property({ type: 'text' })
  fullName!: string;

  @Property({ type: 'string', length: 12, nullable: true })
  iin?: string | null;

  @Property({ type: 'string', length: 32, nullable: true })
  phone?: string | null;

  @Property({ type: 'text', nullable: true })
  email?: string | null;

  @Property({ type: 'text', nullable: true })
  address?: string | null;

  /** A representative of a legal entity: its name and BIN. */
  @Property({ type: 'text', nullable: true })
  organizationName?: string | null;

  @Property({ type: 'string', length: 12, nullable: true })
  bin?: string | null;

  /** Who the person is, for clash detection: 'iin:<IIN>' or 'phone:<+7…>'. */
  @Property({ type: 'string', length: 40 })
  personKey!: string;

  @Property({ type: 'text' })
  subject!: string;

  @ManyToOne(() => Topic, { ref: true, nullable: true })
  topic?: Ref<Topic> | null;

  @Enum({ items: () => [...BOOKING_STATUSES], type: 'string' })
  status: BookingStatus = 'booked';

  @Property({ type: 'timestamptz' })
  bookedAt!: Date;

  @ManyToOne(() => User, { ref: true, nullable: true })
  bookedBy?: Ref<User> | null;

  @Property({ type: 'timestamptz', nullable: true })
  attendanceAt?: Date | null;

  @Property({ type: 'text', nullable: true })
  cancelReason?: string | null;

  /** What the official said or decided, in a few words. */
  @Property({ type: 'text', nullable: true })
  outcomeNote?: string | null;

  /** The appeal the reception produced (channel: personal reception). */
  @ManyToOne(() => Appeal, { ref: true, nullable: true })
  appeal?: Ref<Appeal> | null;

  @Property({ type: 'integer', version: true })
  version: number = 1;
}

/** An instruction the official gave at the reception (source: personal reception), then under control. */
@Entity({ tableName: 'reception_instruction' })
@Unique({ properties: ['booking', 'instruction'] })
export class ReceptionInstruction {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => AdminUnit, { ref: true })
  region!: Ref<AdminUnit>;

  @ManyToOne(() => ReceptionBooking, { ref: true })
  booking!: Ref<ReceptionBooking>;

  @ManyToOne(() => Instruction, { ref: true, index: true })
  instruction!: Ref<Instruction>;
}
