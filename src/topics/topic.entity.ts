import { Entity, ManyToOne, PrimaryKey, Property, type Ref } from '@mikro-orm/core';

/** A node of the appeals topic tree (seeds/topic-tree.json). */
@Entity({ tableName: 'topic' })
export class Topic {
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @Property({ type: 'string', length: 64, unique: true })
  code!: string;

  @ManyToOne(() => Topic, { nullable: true, ref: true })
  parent?: Ref<Topic> | null;

  @Property({ type: 'text' })
  nameKk!: string;

  @Property({ type: 'text' })
  nameRu!: string;

  @Property({ type: 'text' })
  nameEn!: string;
}
