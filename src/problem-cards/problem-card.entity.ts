import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property, Unique, type Ref } from '@mikro-orm/core';
import { ArrayType } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { Appeal } from '../appeals/appeal.entity';
import { AdminUnit } from '../geo/admin-unit.entity';
import { Instruction } from '../instructions/instruction.entity';
import { Topic } from '../topics/topic.entity';
import { User } from '../users/user.entity';
import { PROBLEM_CARD_SOURCES, PROBLEM_CARD_STATUSES, type ProblemCardSource, type ProblemCardStatus } from './domain/card-status';

export { PROBLEM_CARD_SOURCES, type ProblemCardSource };

/**
 * A problem card (карта проблемных вопросов, regulation 7.2): a systemic issue found by the detector — a spike of
 * appeals in a district × topic or a cluster of the same problem — and the department's work on it.
 * The period summary reads id, region_id, title, topic_id, status, severity, appeals_count, applicants_count,
 * first_seen and last_seen.
 */
@Entity({ tableName: 'problem_card' })
@Index({ properties: ['region', 'status'] })
@Index({ properties: ['topic'] })
@Index({ name: 'problem_card_last_seen_index', properties: ['lastSeen'] })
@Index({ name: 'problem_card_severity_id_index', expression: 'create index problem_card_severity_id_index on problem_card (severity desc, id)' })
export class ProblemCard {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => AdminUnit, { ref: true })
  region!: Ref<AdminUnit>;

  @Property({ type: 'text' })
  title!: string;

  /** The parent topic of its appeals (null when they span several). */
  @ManyToOne(() => Topic, { ref: true, nullable: true })
  topic?: Ref<Topic> | null;

  @Enum({ items: () => [...PROBLEM_CARD_STATUSES], type: 'string' })
  status: ProblemCardStatus = 'new';

  /** 0–100; the formula is in src/analytics/detection/detect.ts (severityOf) and its README. */
  @Property({ type: 'double' })
  severity!: number;

  @Property({ type: 'json' })
  severityParts!: Record<string, number>;

  @Property({ type: 'integer' })
  appealsCount!: number;

  @Property({ type: 'integer' })
  applicantsCount!: number;

  @Property({ type: 'string', columnType: 'date' })
  firstSeen!: string;

  @Property({ type: 'string', columnType: 'date' })
  lastSeen!: string;

  /** Appeals in the card's cells over its weeks, and what the baseline expected. */
  @Property({ type: 'integer' })
  observed!: number;

  @Property({ type: 'double' })
  expected!: number;

  @Enum({ items: () => [...PROBLEM_CARD_SOURCES], type: 'string' })
  source!: ProblemCardSource;

  /** [{ week: 'YYYY-MM-DD', count, expected }] */
  @Property({ type: 'json' })
  weeklyTrend!: { week: string; count: number; expected: number | null }[];

  @Property({ type: ArrayType, columnType: 'text[]' })
  keyTerms: string[] = [];

  /** Which tests fired: [{ test, week, unit, observed, expected, pValue, qValue, statistic, … }] */
  @Property({ type: 'json' })
  evidence!: Record<string, unknown>[];

  /** The period of the last detection run that confirmed the card. */
  @Property({ type: 'string', columnType: 'date' })
  detectedFrom!: string;

  @Property({ type: 'string', columnType: 'date' })
  detectedTo!: string;

  @Property({ type: 'timestamptz', nullable: true })
  statusChangedAt?: Date | null;

  @Property({ type: 'timestamptz' })
  createdAt!: Date;

  @Property({ type: 'timestamptz' })
  updatedAt!: Date;

  @Property({ type: 'integer', version: true })
  version: number = 1;
}

/** The admin units a card covers, with its appeals in each. */
@Entity({ tableName: 'problem_card_unit' })
@Unique({ properties: ['card', 'adminUnit'] })
export class ProblemCardUnit {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => AdminUnit, { ref: true })
  region!: Ref<AdminUnit>;

  @ManyToOne(() => ProblemCard, { ref: true })
  card!: Ref<ProblemCard>;

  @ManyToOne(() => AdminUnit, { ref: true, index: true })
  adminUnit!: Ref<AdminUnit>;

  @Property({ type: 'integer' })
  appealsCount!: number;
}

/** The appeals of a card; `representative` marks the few shown as its examples. */
@Entity({ tableName: 'problem_card_appeal' })
@Unique({ properties: ['card', 'appeal'] })
export class ProblemCardAppeal {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => AdminUnit, { ref: true })
  region!: Ref<AdminUnit>;

  @ManyToOne(() => ProblemCard, { ref: true })
  card!: Ref<ProblemCard>;

  @ManyToOne(() => Appeal, { ref: true, index: true })
  appeal!: Ref<Appeal>;

  @Property({ type: 'boolean', default: false })
  representative: boolean = false;
}

/** An analyst's note on a card. */
@Entity({ tableName: 'problem_card_note' })
export class ProblemCardNote {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => AdminUnit, { ref: true })
  region!: Ref<AdminUnit>;

  @ManyToOne(() => ProblemCard, { ref: true, index: true })
  card!: Ref<ProblemCard>;

  @ManyToOne(() => User, { ref: true })
  author!: Ref<User>;

  @Property({ type: 'text' })
  text!: string;

  @Property({ type: 'timestamptz' })
  createdAt!: Date;
}

/** An instruction given on the problem (the akim's, the Presidential Administration's…). */
@Entity({ tableName: 'problem_card_instruction' })
@Unique({ properties: ['card', 'instruction'] })
export class ProblemCardInstruction {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => AdminUnit, { ref: true })
  region!: Ref<AdminUnit>;

  @ManyToOne(() => ProblemCard, { ref: true })
  card!: Ref<ProblemCard>;

  @ManyToOne(() => Instruction, { ref: true, index: true })
  instruction!: Ref<Instruction>;

  @ManyToOne(() => User, { ref: true, nullable: true })
  linkedBy?: Ref<User> | null;

  @Property({ type: 'timestamptz' })
  linkedAt!: Date;
}
