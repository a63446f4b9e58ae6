import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property, type Ref } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { AdminUnit } from '../geo/admin-unit.entity';
import { Organization } from '../organizations/organization.entity';
import { User } from '../users/user.entity';
import { OFFICE_CHECK_STATUSES, type OfficeCheckStatus } from './domain/office-check-rules';

/** A check of an organization's office work on appeals (проверка делопроизводства, regulation 10). */
@Entity({ tableName: 'office_check' })
@Index({ properties: ['organization', 'plannedOn'] })
export class OfficeCheck {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => AdminUnit, { ref: true })
  region!: Ref<AdminUnit>;

  @ManyToOne(() => Organization, { ref: true })
  organization!: Ref<Organization>;

  @Property({ type: 'string', columnType: 'date' })
  periodFrom!: string;

  @Property({ type: 'string', columnType: 'date' })
  periodTo!: string;

  @Property({ type: 'string', columnType: 'date' })
  plannedOn!: string;

  @ManyToOne(() => User, { ref: true })
  inspector!: Ref<User>;

  @Enum({ items: () => [...OFFICE_CHECK_STATUSES], type: 'string' })
  status: OfficeCheckStatus = 'planned';

  /** The findings computed from the record, frozen when the check is completed. */
  @Property({ type: 'json', nullable: true })
  computedFindings?: unknown[] | null;

  @Property({ type: 'text', nullable: true })
  inspectorFindings?: string | null;

  @Property({ type: 'text', nullable: true })
  recommendations?: string | null;

  @Property({ type: 'string', columnType: 'date', nullable: true })
  followUpDate?: string | null;

  @Property({ type: 'text', nullable: true })
  followUpResult?: string | null;

  @Property({ type: 'timestamptz', nullable: true })
  followUpRecordedAt?: Date | null;

  @Property({ type: 'timestamptz', nullable: true })
  startedAt?: Date | null;

  @Property({ type: 'timestamptz', nullable: true })
  completedAt?: Date | null;

  @ManyToOne(() => User, { ref: true, nullable: true })
  createdBy?: Ref<User> | null;

  @Property({ type: 'timestamptz' })
  createdAt!: Date;

  @Property({ type: 'integer', version: true })
  version: number = 1;
}
