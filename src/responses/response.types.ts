import { DateTimeResolver } from 'graphql-scalars';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import type { ResponseDecision, ReviewVerdict, ReworkReason } from '../appeals/domain/vocabulary';
import { toDate } from '../db/sql';
import { ResponseDecisionEnum, ResponseReviewStateEnum, ReviewVerdictEnum, ReworkReasonEnum } from '../graphql/enums';
import type { ResponseReviewState } from './response.entity';

@ObjectType('Response', { description: "An executor's answer; each rework round is a new response" })
export class ResponseView {
  @Field(() => ID) id!: string;
  @Field(() => ID) appealId!: string;
  @Field(() => ID) organizationId!: string;
  @Field(() => String) text!: string;
  @Field(() => ResponseDecisionEnum) decision!: ResponseDecision;
  @Field(() => DateTimeResolver) submittedAt!: Date;
  @Field(() => Int, { description: '1 for the first answer, 2 after the first rework…' }) round!: number;
  @Field(() => ResponseReviewStateEnum) reviewState!: ResponseReviewState;
  authorId!: string;
}

export function toResponseView(r: any): ResponseView {
  return {
    id: r.id,
    appealId: r.appeal_id,
    organizationId: r.organization_id,
    text: r.text,
    decision: r.decision,
    submittedAt: toDate(r.submitted_at)!,
    round: r.round,
    reviewState: r.review_state,
    authorId: r.author_id,
  };
}

@ObjectType('ResponseReview', { description: "The department's review of a response (regulation 5.4–5.5)" })
export class ResponseReviewView {
  @Field(() => ID) id!: string;
  @Field(() => ID) responseId!: string;
  @Field(() => ReviewVerdictEnum) verdict!: ReviewVerdict;
  @Field(() => [ReworkReasonEnum]) reasons!: ReworkReason[];
  @Field(() => String, { nullable: true }) comment!: string | null;
  @Field(() => DateTimeResolver) reviewedAt!: Date;
  reviewerId!: string;
}

export function toReviewView(r: any): ResponseReviewView {
  return {
    id: r.id,
    responseId: r.response_id,
    verdict: r.verdict,
    reasons: r.reasons ?? [],
    comment: r.comment,
    reviewedAt: toDate(r.reviewed_at)!,
    reviewerId: r.reviewer_id,
  };
}
