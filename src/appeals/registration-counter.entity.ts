import { Entity, PrimaryKey, Property } from '@mikro-orm/core';

/** The last registration number given per region and year (taken with UPDATE … RETURNING, no gaps on rollback). */
@Entity({ tableName: 'registration_counter' })
export class RegistrationCounter {
  @PrimaryKey({ type: 'integer' })
  regionId!: number;

  @PrimaryKey({ type: 'integer' })
  year!: number;

  @Property({ type: 'integer' })
  lastValue!: number;
}
