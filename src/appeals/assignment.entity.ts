import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property, type Ref } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { AdminUnit } from '../geo/admin-unit.entity';
import { Organization } from '../organizations/organization.entity';
import { User } from '../users/user.entity';
import { Appeal } from './appeal.entity';
import { ASSIGNMENT_ROLES, type AssignmentRole } from './domain/vocabulary';

/** The appeal routed to an organization for consideration: the lead executor or a co-executor. */
@Entity({ tableName: 'assignment' })
@Index({ properties: ['organization', 'assignedAt'] })
export class Assignment {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => AdminUnit, { ref: true })
  region!: Ref<AdminUnit>;

  @ManyToOne(() => Appeal, { ref: true, index: true })
  appeal!: Ref<Appeal>;

  @ManyToOne(() => Organization, { ref: true })
  organization!: Ref<Organization>;

  @Enum({ items: () => [...ASSIGNMENT_ROLES], type: 'string' })
  role!: AssignmentRole;

  @ManyToOne(() => User, { ref: true, nullable: true })
  assignedBy?: Ref<User> | null;

  @Property({ type: 'timestamptz' })
  assignedAt!: Date;

  @Property({ type: 'string', columnType: 'date' })
  dueDate!: string;

  @Property({ type: 'text', nullable: true })
  note?: string | null;
}
