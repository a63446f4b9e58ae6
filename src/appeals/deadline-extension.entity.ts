import { Entity, ManyToOne, PrimaryKey, Property, type Ref } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { AdminUnit } from '../geo/admin-unit.entity';
import { User } from '../users/user.entity';
import { Appeal } from './appeal.entity';

/** An extension of an appeal's deadline by the head or a deputy (APPK art. 76). */
@Entity({ tableName: 'deadline_extension' })
export class DeadlineExtension {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => AdminUnit, { ref: true })
  region!: Ref<AdminUnit>;

  @ManyToOne(() => Appeal, { ref: true, index: true })
  appeal!: Ref<Appeal>;

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

  /** The applicant must be told within 3 working days. */
  @Property({ type: 'string', columnType: 'date' })
  noticeDueDate!: string;
}
