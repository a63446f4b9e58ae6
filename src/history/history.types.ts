import { DateTimeResolver, JSONObjectResolver } from 'graphql-scalars';
import { Field, ID, ObjectType } from 'type-graphql';
import { toDate } from '../db/sql';

@ObjectType('HistoryEvent', { description: 'One change in the record (regulation 5.7): who, what, when, before and after' })
export class HistoryEventView {
  @Field(() => ID) id!: string;
  @Field(() => String) entityType!: string;
  @Field(() => ID) entityId!: string;
  @Field(() => String) action!: string;
  @Field(() => ID, { nullable: true }) actorId!: string | null;
  @Field(() => String, { nullable: true }) actorRole!: string | null;
  @Field(() => DateTimeResolver) at!: Date;
  @Field(() => JSONObjectResolver, { nullable: true }) before!: Record<string, unknown> | null;
  @Field(() => JSONObjectResolver, { nullable: true }) after!: Record<string, unknown> | null;
  @Field(() => String, { nullable: true }) requestId!: string | null;
}

export function toHistoryEventView(r: any): HistoryEventView {
  return {
    id: String(r.id),
    entityType: r.entity_type,
    entityId: r.entity_id,
    action: r.action,
    actorId: r.actor_id,
    actorRole: r.actor_role,
    at: toDate(r.at)!,
    before: r.before ?? null,
    after: r.after ?? null,
    requestId: r.request_id,
  };
}
