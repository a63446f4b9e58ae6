import { DateTimeResolver, JSONObjectResolver } from 'graphql-scalars';
import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { toDate } from '../db/sql';
import { PageInfo } from '../graphql/pagination';

@ObjectType('AuditEvent', {
  description: 'One mutation call in the audit trail: who, what, on what, when, in which request, and how it ended',
})
export class AuditEventView {
  @Field(() => ID) id!: string;
  @Field(() => DateTimeResolver) at!: Date;
  @Field(() => String, { description: 'The request id (also in the X-Request-Id response header and the logs)' }) requestId!: string;
  @Field(() => String, { description: 'The mutation, e.g. registerAppeal' }) action!: string;
  @Field(() => String, { nullable: true, description: 'The operation name the client gave' }) operationName!: string | null;
  @Field(() => String, { description: "'ok', or the error code the caller received (FORBIDDEN, CONFLICT, …)" }) outcome!: string;
  @Field(() => String, { nullable: true, description: 'The input field an error was about' }) errorField!: string | null;
  @Field(() => Int) durationMs!: number;
  @Field(() => ID, { nullable: true }) actorId!: string | null;
  @Field(() => String, { nullable: true, description: 'The most senior role the official held' }) actorRole!: string | null;
  @Field(() => ID, { nullable: true }) organizationId!: string | null;
  @Field(() => String, { nullable: true, description: 'The type the mutation returns (Appeal, Response, …)' }) targetType!: string | null;
  @Field(() => ID, { nullable: true, description: "The changed object's id, or the first id in the arguments" }) targetId!: string | null;
  @Field(() => JSONObjectResolver, { nullable: true, description: 'Every id in the arguments and the result, by path' })
  targetIds!: Record<string, string> | null;
}

export function toAuditEventView(r: any): AuditEventView {
  return {
    id: String(r.id),
    at: toDate(r.at)!,
    requestId: r.request_id,
    action: r.action,
    operationName: r.operation_name ?? null,
    outcome: r.outcome,
    errorField: r.error_field ?? null,
    durationMs: Number(r.duration_ms),
    actorId: r.actor_id ?? null,
    actorRole: r.actor_role ?? null,
    organizationId: r.actor_organization_id ?? null,
    targetType: r.target_type ?? null,
    targetId: r.target_id ?? null,
    targetIds: r.target_ids ?? null,
  };
}

@InputType('AuditEventFilter')
export class AuditEventFilter {
  @Field(() => ID, { nullable: true, description: 'Calls by this official' }) actorId?: string | null;
  @Field(() => String, { nullable: true, description: 'Calls of this mutation' }) action?: string | null;
  @Field(() => ID, { nullable: true, description: 'Calls that named this object' }) targetId?: string | null;
  @Field(() => String, { nullable: true, description: "'ok' or an error code" }) outcome?: string | null;
  @Field(() => String, { nullable: true }) requestId?: string | null;
  @Field(() => DateTimeResolver, { nullable: true, description: 'At or after' }) from?: Date | null;
  @Field(() => DateTimeResolver, { nullable: true, description: 'Before' }) to?: Date | null;
}

@ObjectType('AuditEventEdge')
export class AuditEventEdge {
  @Field(() => String) cursor!: string;
  @Field(() => AuditEventView) node!: AuditEventView;
}

@ObjectType('AuditEventConnection')
export class AuditEventConnection {
  @Field(() => [AuditEventEdge]) edges!: AuditEventEdge[];
  @Field(() => PageInfo) pageInfo!: PageInfo;
  filter!: AuditEventFilter | null;
}
