import { Field, ID, ObjectType } from 'type-graphql';

@ObjectType('Topic', { description: 'A node of the topic tree of appeals' })
export class TopicView {
  @Field(() => ID) id!: string;
  @Field(() => String) code!: string;
  @Field(() => ID, { nullable: true }) parentId!: string | null;
  @Field(() => String) nameKk!: string;
  @Field(() => String) nameRu!: string;
  @Field(() => String) nameEn!: string;
}

export function toTopicView(r: any): TopicView {
  return {
    id: String(r.id),
    code: r.code,
    parentId: r.parent_id == null ? null : String(r.parent_id),
    nameKk: r.name_kk,
    nameRu: r.name_ru,
    nameEn: r.name_en,
  };
}
