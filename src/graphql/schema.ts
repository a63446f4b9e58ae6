import 'reflect-metadata';
import { isScalarType, lexicographicSortSchema, printSchema, type GraphQLSchema } from 'graphql';
import { buildSchema } from 'type-graphql';
import { guardSchema } from '../access/guard';
import { ANALYTICS_RESOLVERS } from '../analytics/analytics.resolver';
import { policyAuthChecker } from '../access/policy';
import { APPEAL_RESOLVERS } from '../appeals/appeal.resolver';
import { AUDIT_RESOLVERS } from '../audit/audit.resolver';
import { AppealClassificationResolver, ClassifierResolver } from '../classifier/classifier.resolver';
import { InstructionReportResolver, InstructionResolver } from '../instructions/instruction.resolver';
import { NotificationResolver } from '../notifications/notification.resolver';
import { RECEPTION_RESOLVERS } from '../receptions/reception.resolver';
import { CONTROL_RESOLVERS } from '../control/control.resolver';
import { OFFICE_CHECK_RESOLVERS } from '../office-checks/office-check.resolver';
import { WORKING_GROUP_RESOLVERS } from '../working-groups/working-group.resolver';
import { CONSULTATION_RESOLVERS } from '../consultations/consultation.resolver';
import { AdminUnitResolver, OrganizationResolver, ReferenceResolver, TopicResolver } from './reference.resolver';
import { PROBLEM_CARD_RESOLVERS } from '../problem-cards/problem-card.resolver';

export const RESOLVERS = [
  ...RECEPTION_RESOLVERS,
  ...CONTROL_RESOLVERS,
  ...OFFICE_CHECK_RESOLVERS,
  ...WORKING_GROUP_RESOLVERS,
  ...CONSULTATION_RESOLVERS,
  NotificationResolver,
  ...APPEAL_RESOLVERS,
  InstructionResolver,
  InstructionReportResolver,
  ReferenceResolver,
  OrganizationResolver,
  AdminUnitResolver,
  TopicResolver,
  ClassifierResolver,
  AppealClassificationResolver,
  ...AUDIT_RESOLVERS,
  ...ANALYTICS_RESOLVERS,
  ...PROBLEM_CARD_RESOLVERS,
] as const;

let built: Promise<GraphQLSchema> | null = null;

/**
 * The schema, built once per process. Validation is the domain's job (stable codes), not class-validator's.
 * `@Authorized(op)` goes through the policy module; `guardSchema` puts every field behind the access gate.
 */
export function buildAppSchema(): Promise<GraphQLSchema> {
  built ??= buildSchema({ resolvers: RESOLVERS as any, validate: false, authChecker: policyAuthChecker }).then(guardSchema).then(quickDateOutput);
  return built;
}

const LOCAL_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Dates the API sends are 'YYYY-MM-DD' strings the server made (PostgreSQL's `date::text`, the calendar code):
 * sent as they are once their shape is right, instead of being parsed into a Date and printed back to prove they
 * are real days (graphql-scalars' check, 1.5% of the CPU of a list of appeals). Anything else goes through the
 * full check, and inputs are parsed as before.
 */
function quickDateOutput(schema: GraphQLSchema): GraphQLSchema {
  const type = schema.getType('LocalDate');
  if (isScalarType(type)) {
    const full = type.serialize.bind(type);
    type.serialize = (v: unknown) => (typeof v === 'string' && LOCAL_DATE.test(v) ? v : full(v));
  }
  return schema;
}

export function printAppSchema(schema: GraphQLSchema): string {
  return printSchema(lexicographicSortSchema(schema)) + '\n';
}
