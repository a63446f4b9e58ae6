import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property, type Ref } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { Appeal } from '../appeals/appeal.entity';
import { AdminUnit } from '../geo/admin-unit.entity';
import { Organization } from '../organizations/organization.entity';
import { Topic } from '../topics/topic.entity';
import { User } from '../users/user.entity';
import { CONSULTATION_CHANNELS, type ConsultationChannel } from './domain/consultation-rules';

/** Advice given to a person (regulation 5.8). The person's data is protected like an applicant's. */
@Entity({ tableName: 'consultation' })
@Index({ properties: ['region', 'givenAt'] })
@Index({ properties: ['organization', 'givenAt'] })
export class Consultation {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => AdminUnit, { ref: true })
  region!: Ref<AdminUnit>;

  @Enum({ items: () => [...CONSULTATION_CHANNELS], type: 'string' })
  channel!: ConsultationChannel;

  @Property({ type: 'timestamptz' })
  givenAt!: Date;

  @Property({ type: 'integer', nullable: true })
  durationMinutes?: number | null;

  /** The official who gave the advice, and the body. */
  @ManyToOne(() => User, { ref: true })
  official!: Ref<User>;

  @ManyToOne(() => Organization, { ref: true })
  organization!: Ref<Organization>;

  // Who asked: personal data.
  @Property({ type: 'text', nullable: true })
  fullName?: string | null;

  @Property({ type: 'string', length: 12, nullable: true })
  iin?: string | null;

  @Property({ type: 'string', length: 32, nullable: true })
  phone?: string | null;

  @Property({ type: 'text', nullable: true })
  email?: string | null;

  /** Where the person lives (district), for the statistics. */
  @ManyToOne(() => AdminUnit, { ref: true, nullable: true })
  adminUnit?: Ref<AdminUnit> | null;

  @ManyToOne(() => Topic, { ref: true, nullable: true })
  topic?: Ref<Topic> | null;

  @Property({ type: 'text' })
  question!: string;

  @Property({ type: 'text' })
  advice!: string;

  /** When the person then filed an appeal. */
  @ManyToOne(() => Appeal, { ref: true, nullable: true })
  appeal?: Ref<Appeal> | null;

  @Property({ type: 'timestamptz' })
  createdAt!: Date;
}
