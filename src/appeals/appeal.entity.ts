import { ArrayType, Entity, Enum, Index, ManyToOne, PrimaryKey, Property, Unique, type Ref } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { AdminUnit } from '../geo/admin-unit.entity';
import { Organization } from '../organizations/organization.entity';
import { Topic } from '../topics/topic.entity';
import { User } from '../users/user.entity';
import { APPEAL_STATUSES, type AppealStatus, type LeaveReason } from './domain/appeal-status';
import { APPEAL_FORMS, type AppealForm } from './domain/deadline-rules';
import {
  APPEAL_CHANNELS,
  LANGUAGES,
  OUT_OF_SCOPE_KINDS,
  TOPIC_SOURCES,
  type AppealChannel,
  type Language,
  type OutOfScopeKind,
  type TopicSource,
} from './domain/vocabulary';

/**
 * An appeal (обращение / өтініш). Carries its region's id so it can be distributed by region later.
 * `dueDate` is the deadline in force (a fact changed only by an extension); overdue and days left are derived.
 */
@Entity({ tableName: 'appeal' })
@Index({ properties: ['region', 'receivedAt'] })
@Index({ properties: ['adminUnit', 'receivedAt'] })
@Index({ properties: ['status', 'dueDate'] })
@Unique({ properties: ['sourceSystem', 'sourceId'] })
export class Appeal {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => AdminUnit, { ref: true })
  region!: Ref<AdminUnit>;

  /** Readable and unique: <region ISO code>-<year>-<sequence>, e.g. ZHT-2026-000123. */
  @Property({ type: 'string', length: 32, unique: true })
  registrationNumber!: string;

  @Enum({ items: () => [...APPEAL_FORMS], type: 'string' })
  form!: AppealForm;

  @Enum({ items: () => [...APPEAL_CHANNELS], type: 'string' })
  channel!: AppealChannel;

  @Property({ type: 'timestamptz' })
  receivedAt!: Date;

  @Property({ type: 'timestamptz' })
  registeredAt!: Date;

  /** The registration day (art. 64: same day, or the next working day when received after hours). */
  @Property({ type: 'string', columnType: 'date' })
  registrationDate!: string;

  @Property({ type: 'text' })
  text!: string;

  @Property({ type: 'text', nullable: true })
  summary?: string | null;

  @Enum({ items: () => [...LANGUAGES], type: 'string' })
  language!: Language;

  /** Where the problem is. */
  @ManyToOne(() => AdminUnit, { ref: true })
  adminUnit!: Ref<AdminUnit>;

  @ManyToOne(() => Organization, { ref: true })
  addressee!: Ref<Organization>;

  @ManyToOne(() => User, { nullable: true, ref: true })
  registeredBy?: Ref<User> | null;

  /** A collective appeal: how many people signed it (at least the number of applicants listed). */
  @Property({ type: 'integer', nullable: true })
  signatoriesCount?: number | null;

  @Property({ type: 'boolean', default: false })
  anonymous: boolean = false;

  /** The earlier appeal this one repeats (same person, same issue, contesting the answer). */
  @ManyToOne(() => Appeal, { nullable: true, ref: true })
  repeatOf?: Ref<Appeal> | null;

  @Enum({ items: () => [...OUT_OF_SCOPE_KINDS], type: 'string', nullable: true })
  outOfScope?: OutOfScopeKind | null;

  @Property({ type: 'boolean', default: false })
  onControl: boolean = false;

  @ManyToOne(() => User, { nullable: true, ref: true })
  controlTakenBy?: Ref<User> | null;

  @Property({ type: 'timestamptz', nullable: true })
  controlTakenAt?: Date | null;

  @ManyToOne(() => Topic, { nullable: true, ref: true })
  topic?: Ref<Topic> | null;

  /** Who set the topic: the classifier or a person. */
  @Enum({ items: () => [...TOPIC_SOURCES], type: 'string', nullable: true })
  topicSource?: TopicSource | null;

  @Property({ type: 'double', nullable: true })
  topicConfidence?: number | null;

  /** The classifier's suggestion, kept apart from a person's choice (topic + topicSource 'person'). */
  @ManyToOne(() => Topic, { nullable: true, ref: true })
  machineTopic?: Ref<Topic> | null;

  @Property({ type: 'double', nullable: true })
  machineTopicConfidence?: number | null;

  @Property({ type: 'integer', nullable: true })
  machineModelVersion?: number | null;

  /** The machine was not confident enough: a person decides the topic. */
  @Property({ type: 'boolean', default: false })
  topicReviewRequired: boolean = false;

  @Enum({ items: () => [...APPEAL_STATUSES], type: 'string' })
  status: AppealStatus = 'registered';

  @Property({ type: 'string', length: 48, nullable: true })
  leaveReason?: LeaveReason | null;

  @Property({ type: 'text', nullable: true })
  statusComment?: string | null;

  @Property({ type: 'string', columnType: 'date' })
  dueDate!: string;

  /** Art. 65: an appeal outside the competence is forwarded within 3 working days. */
  @Property({ type: 'string', columnType: 'date' })
  forwardDueDate!: string;

  @Property({ type: 'text', nullable: true })
  forwardedTo?: string | null;

  @Property({ type: 'timestamptz', nullable: true })
  forwardedAt?: Date | null;

  /** When the response now standing was submitted (cleared when it is returned for rework). */
  @Property({ type: 'timestamptz', nullable: true })
  answeredAt?: Date | null;

  @Property({ type: 'timestamptz', nullable: true })
  closedAt?: Date | null;

  /** When consideration ended for deadline purposes (answer standing, left, forwarded); null while open. */
  @Property({ type: 'timestamptz', nullable: true })
  finishedAt?: Date | null;

  @Property({ type: 'text', nullable: true, unique: true })
  idempotencyKey?: string | null;

  /** Where a bulk-imported appeal came from (src/import): the source system and its id there, unique together. */
  @Property({ type: 'string', length: 64, nullable: true })
  sourceSystem?: string | null;

  @Property({ type: 'string', length: 128, nullable: true })
  sourceId?: string | null;

  /**
   * Imported history only: the registration rules of APPK art. 63 the record fails ("field: message"), kept because
   * another system registered it. Null for appeals registered here.
   */
  @Property({ type: ArrayType, columnType: 'text[]', nullable: true })
  registrationDefects?: string[] | null;

  @Property({ type: 'integer', version: true })
  version: number = 1;

  @Property({ type: 'timestamptz' })
  createdAt!: Date; // set by the use case from its clock

  @Property({ type: 'timestamptz' }) // every use case sets it from its clock
  updatedAt!: Date; // set by the use case from its clock
}
