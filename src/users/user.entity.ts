import { ArrayType, Entity, ManyToOne, PrimaryKey, Property, type Ref } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { Organization } from '../organizations/organization.entity';
import type { Role } from './roles';

/** An official working in the system. */
@Entity({ tableName: 'app_user' })
export class User {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Property({ type: 'text' })
  fullName!: string;

  @Property({ type: 'text' })
  position!: string;

  @ManyToOne(() => Organization, { ref: true })
  organization!: Ref<Organization>;

  @Property({ type: ArrayType, columnType: 'text[]' })
  roles: Role[] = [];

  @Property({ type: 'text', unique: true })
  email!: string;

  @Property({ type: 'boolean', default: true })
  active: boolean = true;
}
