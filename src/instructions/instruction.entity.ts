import { Entity, Enum, ManyToOne, PrimaryKey, Property, Unique, type Ref } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { Appeal } from '../appeals/appeal.entity';
import { AdminUnit } from '../geo/admin-unit.entity';
import { Organization } from '../organizations/organization.entity';
import { User } from '../users/user.entity';
import {
  INSTRUCTION_SOURCES,
  INSTRUCTION_STATUSES,
  REPORT_KINDS,
  REPORT_VERDICTS,
  type InstructionSource,
  type InstructionStatus,
  type ReportKind,
  type ReportVerdict,
} from './domain/instruction-status';

/** An instruction (поручение / тапсырма) put under the department's control (regulation 9). */
@Entity({ tableName: 'instruction' })
export class Instruction {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => AdminUnit, { ref: true })
  region!: Ref<AdminUnit>;

  /** The number given by the issuer (e.g. the akim's protocol), unique within the region. */
  @Property({ type: 'string', length: 64 })
  number!: string;

  @Enum({ items: () => [...INSTRUCTION_SOURCES], type: 'string' })
  source!: InstructionSource;

  /** Who issued it, as written on the document (e.g. "Akim of the region"). */
  @Property({ type: 'text', nullable: true })
  issuer?: string | null;

  @Property({ type: 'text' })
  text!: string;

  @Property({ type: 'timestamptz' })
  issuedAt!: Date;

  @ManyToOne(() => User, { ref: true, nullable: true })
  registeredBy?: Ref<User> | null;

  @Property({ type: 'string', columnType: 'date' })
  dueDate!: string;

  @Enum({ items: () => [...INSTRUCTION_STATUSES], type: 'string' })
  status: InstructionStatus = 'on_control';

  @Property({ type: 'timestamptz', nullable: true })
  executedAt?: Date | null;

  @Property({ type: 'timestamptz', nullable: true })
  removedAt?: Date | null;

  @Property({ type: 'text', nullable: true })
  removalReason?: string | null;

  @Property({ type: 'integer', version: true })
  version: number = 1;

  @Property({ type: 'timestamptz' })
  createdAt!: Date; // set by the use case from its clock
}

@Entity({ tableName: 'instruction_appeal' })
@Unique({ properties: ['instruction', 'appeal'] })
export class InstructionAppeal {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => AdminUnit, { ref: true })
  region!: Ref<AdminUnit>;

  @ManyToOne(() => Instruction, { ref: true })
  instruction!: Ref<Instruction>;

  @ManyToOne(() => Appeal, { ref: true, index: true })
  appeal!: Ref<Appeal>;
}

@Entity({ tableName: 'instruction_assignee' })
@Unique({ properties: ['instruction', 'organization'] })
export class InstructionAssignee {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => AdminUnit, { ref: true })
  region!: Ref<AdminUnit>;

  @ManyToOne(() => Instruction, { ref: true })
  instruction!: Ref<Instruction>;

  @ManyToOne(() => Organization, { ref: true, index: true })
  organization!: Ref<Organization>;
}

/** An interim or final report on an instruction; the department accepts or returns it. */
@Entity({ tableName: 'instruction_report' })
export class InstructionReport {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => AdminUnit, { ref: true })
  region!: Ref<AdminUnit>;

  @ManyToOne(() => Instruction, { ref: true, index: true })
  instruction!: Ref<Instruction>;

  @ManyToOne(() => Organization, { ref: true })
  organization!: Ref<Organization>;

  @Enum({ items: () => [...REPORT_KINDS], type: 'string' })
  kind!: ReportKind;

  @Property({ type: 'text' })
  text!: string;

  @ManyToOne(() => User, { ref: true })
  submittedBy!: Ref<User>;

  @Property({ type: 'timestamptz' })
  submittedAt!: Date;

  @Enum({ items: () => [...REPORT_VERDICTS], type: 'string', nullable: true })
  verdict?: ReportVerdict | null;

  @Property({ type: 'text', nullable: true })
  reviewComment?: string | null;

  @ManyToOne(() => User, { ref: true, nullable: true })
  reviewedBy?: Ref<User> | null;

  @Property({ type: 'timestamptz', nullable: true })
  reviewedAt?: Date | null;
}

@Entity({ tableName: 'instruction_extension' })
export class InstructionExtension {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => AdminUnit, { ref: true })
  region!: Ref<AdminUnit>;

  @ManyToOne(() => Instruction, { ref: true, index: true })
  instruction!: Ref<Instruction>;

  @Property({ type: 'string', columnType: 'date' })
  previousDueDate!: string;

  @Property({ type: 'string', columnType: 'date' })
  newDueDate!: string;

  @Property({ type: 'text' })
  reason!: string;

  @ManyToOne(() => User, { ref: true })
  extendedBy!: Ref<User>;

  @Property({ type: 'timestamptz' })
  extendedAt!: Date;
}
