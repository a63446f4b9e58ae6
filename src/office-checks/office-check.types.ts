import { DateTimeResolver, LocalDateResolver } from 'graphql-scalars';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { toDate } from '../db/sql';
import { OfficeCheckFindingKindEnum, OfficeCheckStatusEnum } from '../graphql/enums';
import type { FindingKind, OfficeCheckStatus } from './domain/office-check-rules';
import type { Finding } from './office-check.findings';

@ObjectType('OfficeCheckFindingItem')
export class FindingItemView {
  @Field(() => ID) appealId!: string;
  @Field(() => String) registrationNumber!: string;
  @Field(() => String) detail!: string;
}

@ObjectType('OfficeCheckFinding', { description: 'What the record shows, computed from the data' })
export class FindingView {
  @Field(() => OfficeCheckFindingKindEnum) kind!: FindingKind;
  @Field(() => String) legalBasis!: string;
  @Field(() => Int) count!: number;
  @Field(() => [FindingItemView], { description: 'Up to 50 of the appeals concerned' }) items!: FindingItemView[];
}

@ObjectType('OfficeCheck', { description: "A check of an organization's office work on appeals (regulation 10)" })
export class OfficeCheckView {
  @Field(() => ID) id!: string;
  @Field(() => LocalDateResolver) periodFrom!: string;
  @Field(() => LocalDateResolver) periodTo!: string;
  @Field(() => LocalDateResolver) plannedOn!: string;
  @Field(() => OfficeCheckStatusEnum) status!: OfficeCheckStatus;
  @Field(() => String, { nullable: true, description: "The inspector's own findings" }) inspectorFindings!: string | null;
  @Field(() => String, { nullable: true }) recommendations!: string | null;
  @Field(() => LocalDateResolver, { nullable: true }) followUpDate!: string | null;
  @Field(() => String, { nullable: true }) followUpResult!: string | null;
  @Field(() => DateTimeResolver, { nullable: true, description: 'When the follow-up was recorded (before followUpDate when the findings were fixed early)' })
  followUpRecordedAt!: Date | null;
  @Field(() => DateTimeResolver, { nullable: true }) startedAt!: Date | null;
  @Field(() => DateTimeResolver, { nullable: true }) completedAt!: Date | null;
  @Field(() => Int) version!: number;
  organizationId!: string;
  inspectorId!: string;
  frozenFindings!: Finding[] | null;
}

export const toOfficeCheckView = (r: any): OfficeCheckView => ({
  id: r.id,
  periodFrom: r.period_from,
  periodTo: r.period_to,
  plannedOn: r.planned_on,
  status: r.status,
  inspectorFindings: r.inspector_findings,
  recommendations: r.recommendations,
  followUpDate: r.follow_up_date,
  followUpResult: r.follow_up_result,
  followUpRecordedAt: toDate(r.follow_up_recorded_at),
  startedAt: toDate(r.started_at),
  completedAt: toDate(r.completed_at),
  version: r.version,
  organizationId: r.organization_id,
  inspectorId: r.inspector_id,
  frozenFindings: r.computed_findings == null ? null : typeof r.computed_findings === 'string' ? JSON.parse(r.computed_findings) : r.computed_findings,
});
