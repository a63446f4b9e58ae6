import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property, type Ref } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { Appeal } from '../appeals/appeal.entity';
import { Applicant } from '../applicants/applicant.entity';
import { AdminUnit } from '../geo/admin-unit.entity';
import {
  DELIVERY_CHANNELS,
  NOTICE_KINDS,
  NOTICE_STATUSES,
  type DeliveryChannel,
  type NoticeKind,
  type NoticePayload,
  type NoticeStatus,
} from './domain/notice-rules';

/**
 * A notice to an applicant in the outbox (уведомление заявителя). Written in the same transaction as the change that
 * requires it; a worker claims it (claimed_by / claimed_until: a lease), delivers it and marks it sent or failed.
 */
@Entity({ tableName: 'notification' })
@Index({ name: 'notification_due_index', properties: ['status', 'nextAttemptAt'] })
export class Notification {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => AdminUnit, { ref: true })
  region!: Ref<AdminUnit>;

  @ManyToOne(() => Appeal, { ref: true, index: true })
  appeal!: Ref<Appeal>;

  @ManyToOne(() => Applicant, { ref: true })
  applicant!: Ref<Applicant>;

  @Enum({ items: () => [...NOTICE_KINDS], type: 'string' })
  kind!: NoticeKind;

  /** The last day the law allows for it. */
  @Property({ type: 'string', columnType: 'date' })
  dueDate!: string;

  @Property({ type: 'json' })
  payload!: NoticePayload;

  @Enum({ items: () => [...NOTICE_STATUSES], type: 'string' })
  status: NoticeStatus = 'pending';

  @Enum({ items: () => [...DELIVERY_CHANNELS], type: 'string', nullable: true })
  channel?: DeliveryChannel | null;

  @Property({ type: 'integer', default: 0 })
  attempts: number = 0;

  @Property({ type: 'timestamptz' })
  nextAttemptAt!: Date;

  @Property({ type: 'string', length: 64, nullable: true })
  claimedBy?: string | null;

  @Property({ type: 'timestamptz', nullable: true })
  claimedUntil?: Date | null;

  @Property({ type: 'text', nullable: true })
  lastError?: string | null;

  @Property({ type: 'string', length: 32, nullable: true })
  sender?: string | null;

  @Property({ type: 'timestamptz', nullable: true })
  sentAt?: Date | null;

  @Property({ type: 'timestamptz' })
  createdAt!: Date;
}
