import { Entity, Enum, ManyToOne, PrimaryKey, Property, type Ref } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { Appeal } from '../appeals/appeal.entity';
import { Assignment } from '../appeals/assignment.entity';
import { RESPONSE_DECISIONS, type ResponseDecision } from '../appeals/domain/vocabulary';
import { AdminUnit } from '../geo/admin-unit.entity';
import { Organization } from '../organizations/organization.entity';
import { User } from '../users/user.entity';

export const RESPONSE_REVIEW_STATES = ['pending', 'accepted', 'returned'] as const;
export type ResponseReviewState = (typeof RESPONSE_REVIEW_STATES)[number];

/** The executor's answer to an appeal. Every round of rework is a new response; all are kept. */
@Entity({ tableName: 'response' })
export class Response {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => AdminUnit, { ref: true })
  region!: Ref<AdminUnit>;

  @ManyToOne(() => Appeal, { ref: true, index: true })
  appeal!: Ref<Appeal>;

  @ManyToOne(() => Assignment, { ref: true, nullable: true })
  assignment?: Ref<Assignment> | null;

  @ManyToOne(() => Organization, { ref: true })
  organization!: Ref<Organization>;

  @ManyToOne(() => User, { ref: true })
  author!: Ref<User>;

  @Property({ type: 'text' })
  text!: string;

  @Enum({ items: () => [...RESPONSE_DECISIONS], type: 'string' })
  decision!: ResponseDecision;

  @Property({ type: 'timestamptz' })
  submittedAt!: Date;

  /** 1 for the first answer, 2 after the first rework, … */
  @Property({ type: 'smallint' })
  round!: number;

  @Enum({ items: () => [...RESPONSE_REVIEW_STATES], type: 'string' })
  reviewState: ResponseReviewState = 'pending';
}
