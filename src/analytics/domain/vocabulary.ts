/** The closed vocabularies of analytics (exposed as GraphQL enums in src/graphql/enums.ts). */

/** What appeal statistics can be grouped by. */
export const STATS_DIMENSIONS = ['region', 'district', 'topic', 'form', 'channel', 'status', 'executor', 'week', 'month'] as const;
export type StatsDimension = (typeof STATS_DIMENSIONS)[number];

/** Formats of the period report. */
export const REPORT_FORMATS = ['markdown', 'csv', 'html'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];
