import { Entity, ManyToOne, PrimaryKey, Property, Unique, type Ref } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { Applicant } from '../applicants/applicant.entity';
import { AdminUnit } from '../geo/admin-unit.entity';
import { Appeal } from './appeal.entity';

/** An applicant of an appeal; a collective appeal has several. */
@Entity({ tableName: 'appeal_applicant' })
@Unique({ properties: ['appeal', 'applicant'] })
export class AppealApplicant {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => AdminUnit, { ref: true })
  region!: Ref<AdminUnit>;

  @ManyToOne(() => Appeal, { ref: true, deleteRule: 'cascade' })
  appeal!: Ref<Appeal>;

  @ManyToOne(() => Applicant, { ref: true, index: true })
  applicant!: Ref<Applicant>;

  @Property({ type: 'smallint', default: 0 })
  position: number = 0;
}
