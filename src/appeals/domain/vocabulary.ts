/**
 * The closed vocabularies of an appeal's record. Each list is the single source for the database check
 * constraints, the GraphQL enums and input validation.
 */
export const APPEAL_CHANNELS = ['paper', 'mail', 'personal_reception', 'electronic', 'eotinish'] as const;
export type AppealChannel = (typeof APPEAL_CHANNELS)[number];

/** Appeals handled under another procedure: registered, never routed (regulation 5.2). */
export const OUT_OF_SCOPE_KINDS = ['administrative_offence', 'criminal', 'civil'] as const;
export type OutOfScopeKind = (typeof OUT_OF_SCOPE_KINDS)[number];

export const LANGUAGES = ['ru', 'kk', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

export const ASSIGNMENT_ROLES = ['lead', 'co_executor'] as const;
export type AssignmentRole = (typeof ASSIGNMENT_ROLES)[number];

export const RESPONSE_DECISIONS = ['satisfied', 'partly_satisfied', 'refused', 'explained'] as const;
export type ResponseDecision = (typeof RESPONSE_DECISIONS)[number];

export const REVIEW_VERDICTS = ['accepted', 'returned'] as const;
export type ReviewVerdict = (typeof REVIEW_VERDICTS)[number];

/** Why the department sends a response back (regulation 5.5). */
export const REWORK_REASONS = ['formal_reply', 'not_on_merits', 'no_legal_basis', 'late', 'other'] as const;
export type ReworkReason = (typeof REWORK_REASONS)[number];

export const APPLICANT_KINDS = ['individual', 'legal'] as const;
export type ApplicantKind = (typeof APPLICANT_KINDS)[number];

export const TOPIC_SOURCES = ['machine', 'person'] as const;
export type TopicSource = (typeof TOPIC_SOURCES)[number];
