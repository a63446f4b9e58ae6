import { ArrayType, Entity, Enum, ManyToOne, PrimaryKey, Property, type Ref } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { Appeal } from '../appeals/appeal.entity';
import { REVIEW_VERDICTS, type ReviewVerdict, type ReworkReason } from '../appeals/domain/vocabulary';
import { AdminUnit } from '../geo/admin-unit.entity';
import { User } from '../users/user.entity';
import { Response } from './response.entity';

/** The department's review of a response: accepted, or returned for rework with reasons (regulation 5.4–5.5). */
@Entity({ tableName: 'response_review' })
export class ResponseReview {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => AdminUnit, { ref: true })
  region!: Ref<AdminUnit>;

  @ManyToOne(() => Response, { ref: true, index: true })
  response!: Ref<Response>;

  @ManyToOne(() => Appeal, { ref: true, index: true })
  appeal!: Ref<Appeal>;

  @ManyToOne(() => User, { ref: true })
  reviewer!: Ref<User>;

  @Enum({ items: () => [...REVIEW_VERDICTS], type: 'string' })
  verdict!: ReviewVerdict;

  @Property({ type: ArrayType, columnType: 'text[]' })
  reasons: ReworkReason[] = [];

  @Property({ type: 'text', nullable: true })
  comment?: string | null;

  @Property({ type: 'timestamptz' })
  reviewedAt!: Date;
}
