import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property, Unique, type Ref } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { Appeal } from '../appeals/appeal.entity';
import { AdminUnit } from '../geo/admin-unit.entity';
import { Instruction } from '../instructions/instruction.entity';
import { Organization } from '../organizations/organization.entity';
import { User } from '../users/user.entity';
import {
  CONCLUSION_STATUSES,
  CONCLUSION_VERDICTS,
  DISCIPLINARY_MEASURES,
  PROPOSAL_STATUSES,
  VERIFICATION_STATUSES,
  VIOLATION_KINDS,
  type ConclusionStatus,
  type ConclusionVerdict,
  type DisciplinaryMeasure,
  type ProposalStatus,
  type VerificationStatus,
  type ViolationKind,
} from './domain/control-rules';

/** A verification with departure to the place of execution (выездная проверка, 9.3–9.4). */
@Entity({ tableName: 'onsite_verification' })
@Index({ properties: ['organization', 'visitedOn'] })
export class OnsiteVerification {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => AdminUnit, { ref: true })
  region!: Ref<AdminUnit>;

  /** The body verified. */
  @ManyToOne(() => Organization, { ref: true })
  organization!: Ref<Organization>;

  /** The place visited (a settlement or district). */
  @ManyToOne(() => AdminUnit, { ref: true, nullable: true })
  adminUnit?: Ref<AdminUnit> | null;

  @Property({ type: 'text' })
  place!: string;

  @ManyToOne(() => Instruction, { ref: true, nullable: true, index: true })
  instruction?: Ref<Instruction> | null;

  @ManyToOne(() => Appeal, { ref: true, nullable: true })
  appeal?: Ref<Appeal> | null;

  /** The issue verified, when it is not (only) an instruction. */
  @Property({ type: 'text', nullable: true })
  issue?: string | null;

  @Property({ type: 'string', columnType: 'date' })
  visitedOn!: string;

  @Enum({ items: () => [...VERIFICATION_STATUSES], type: 'string' })
  status: VerificationStatus = 'planned';

  @Property({ type: 'text', nullable: true })
  findings?: string | null;

  @Property({ type: 'timestamptz', nullable: true })
  completedAt?: Date | null;

  @ManyToOne(() => User, { ref: true, nullable: true })
  createdBy?: Ref<User> | null;

  @Property({ type: 'timestamptz' })
  createdAt!: Date;

  @Property({ type: 'integer', version: true })
  version: number = 1;
}

/** Who went. */
@Entity({ tableName: 'onsite_verification_participant' })
@Unique({ properties: ['verification', 'user'] })
export class OnsiteVerificationParticipant {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => OnsiteVerification, { ref: true })
  verification!: Ref<OnsiteVerification>;

  @ManyToOne(() => User, { ref: true })
  user!: Ref<User>;
}

/** A violation found (by a verification, an office-work check or in the course of control). */
@Entity({ tableName: 'control_violation' })
@Index({ properties: ['organization', 'foundOn'] })
export class Violation {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => AdminUnit, { ref: true })
  region!: Ref<AdminUnit>;

  @ManyToOne(() => Organization, { ref: true })
  organization!: Ref<Organization>;

  /** The official responsible, as named (may be outside the system). */
  @Property({ type: 'text', nullable: true })
  officialName?: string | null;

  @ManyToOne(() => User, { ref: true, nullable: true })
  official?: Ref<User> | null;

  @Enum({ items: () => [...VIOLATION_KINDS], type: 'string' })
  kind!: ViolationKind;

  @Property({ type: 'text' })
  description!: string;

  @Property({ type: 'string', columnType: 'date' })
  foundOn!: string;

  @ManyToOne(() => OnsiteVerification, { ref: true, nullable: true, index: true })
  verification?: Ref<OnsiteVerification> | null;

  /** The office-work check that found it (src/office-checks). */
  @Property({ type: 'uuid', nullable: true, index: true })
  officeCheckId?: string | null;

  @ManyToOne(() => Instruction, { ref: true, nullable: true })
  instruction?: Ref<Instruction> | null;

  @ManyToOne(() => Appeal, { ref: true, nullable: true })
  appeal?: Ref<Appeal> | null;

  @ManyToOne(() => User, { ref: true, nullable: true })
  recordedBy?: Ref<User> | null;

  @Property({ type: 'timestamptz' })
  createdAt!: Date;
}

/** A proposal to bring an official to disciplinary responsibility (9.5): to whom, for what, and the decision. */
@Entity({ tableName: 'disciplinary_proposal' })
export class DisciplinaryProposal {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => AdminUnit, { ref: true })
  region!: Ref<AdminUnit>;

  @ManyToOne(() => Organization, { ref: true, index: true })
  organization!: Ref<Organization>;

  @Property({ type: 'text' })
  officialName!: string;

  @Property({ type: 'text', nullable: true })
  officialPosition?: string | null;

  @ManyToOne(() => User, { ref: true, nullable: true })
  official?: Ref<User> | null;

  @ManyToOne(() => Violation, { ref: true, nullable: true, index: true })
  violation?: Ref<Violation> | null;

  @Property({ type: 'text' })
  grounds!: string;

  @Enum({ items: () => [...DISCIPLINARY_MEASURES], type: 'string' })
  proposedMeasure!: DisciplinaryMeasure;

  @Enum({ items: () => [...PROPOSAL_STATUSES], type: 'string' })
  status: ProposalStatus = 'proposed';

  @Enum({ items: () => [...DISCIPLINARY_MEASURES], type: 'string', nullable: true })
  appliedMeasure?: DisciplinaryMeasure | null;

  @Property({ type: 'text', nullable: true })
  decision?: string | null;

  @Property({ type: 'string', columnType: 'date', nullable: true })
  decidedOn?: string | null;

  @ManyToOne(() => User, { ref: true, nullable: true })
  proposedBy?: Ref<User> | null;

  @Property({ type: 'timestamptz' })
  proposedAt!: Date;

  @Property({ type: 'integer', version: true })
  version: number = 1;
}

/** The conclusion on the execution of an instruction on a specific appeal (9.7). */
@Entity({ tableName: 'execution_conclusion' })
@Unique({ properties: ['instruction', 'appeal'] })
export class ExecutionConclusion {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => AdminUnit, { ref: true })
  region!: Ref<AdminUnit>;

  @ManyToOne(() => Instruction, { ref: true })
  instruction!: Ref<Instruction>;

  @ManyToOne(() => Appeal, { ref: true, index: true })
  appeal!: Ref<Appeal>;

  @Enum({ items: () => [...CONCLUSION_VERDICTS], type: 'string' })
  verdict!: ConclusionVerdict;

  @Property({ type: 'text' })
  text!: string;

  @Enum({ items: () => [...CONCLUSION_STATUSES], type: 'string' })
  status: ConclusionStatus = 'draft';

  @ManyToOne(() => User, { ref: true })
  preparedBy!: Ref<User>;

  @Property({ type: 'timestamptz' })
  preparedAt!: Date;

  @ManyToOne(() => User, { ref: true, nullable: true })
  approvedBy?: Ref<User> | null;

  @Property({ type: 'timestamptz', nullable: true })
  approvedAt?: Date | null;

  @Property({ type: 'integer', version: true })
  version: number = 1;
}
