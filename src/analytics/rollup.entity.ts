import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * The analytics rollup: one row per appeal with everything the dashboards group and filter by, kept current by
 * database triggers in the same transaction as every change to the appeal, its assignments, reviews and applicants
 * (see Migration20261127150000_analytics_rollups). Written only by SQL (`appeal_fact_refresh`); never by the ORM.
 *
 * Overdue is NOT stored: it depends on today. The inputs are (`status`, `dueDate`, `finishedDate`), and queries
 * derive it against the current date, exactly as the appeal list does.
 */
@Entity({ tableName: 'appeal_fact' })
@Index({ properties: ['receivedDate'] })
@Index({ properties: ['regionId', 'receivedDate'] })
@Index({ properties: ['leadOrgId', 'receivedDate'] })
export class AppealFact {
  @PrimaryKey({ type: 'uuid' })
  appealId!: string;

  @Property({ type: 'integer' })
  regionId!: number;

  /** The unit the appeal is about (a district, or the region itself). */
  @Property({ type: 'integer' })
  adminUnitId!: number;

  /** `adminUnitId` when it is a district; null when the appeal concerns the region as a whole. */
  @Property({ type: 'integer', nullable: true })
  districtId?: number | null;

  @Property({ type: 'integer', nullable: true })
  topicId?: number | null;

  /** The top-level topic (the topic itself when it has no parent). */
  @Property({ type: 'integer', nullable: true })
  parentTopicId?: number | null;

  @Property({ type: 'text' })
  form!: string;

  @Property({ type: 'text' })
  channel!: string;

  @Property({ type: 'text' })
  status!: string;

  /** Local date (UTC+5) of receipt. */
  @Property({ type: 'string', columnType: 'date' })
  receivedDate!: string;

  /** The deadline in force. */
  @Property({ type: 'string', columnType: 'date' })
  dueDate!: string;

  /** Local date the consideration ended (answered, forwarded, left); null while open. */
  @Property({ type: 'string', columnType: 'date', nullable: true })
  finishedDate?: string | null;

  /** Local date of the response standing now (null while unanswered or returned for rework). */
  @Property({ type: 'string', columnType: 'date', nullable: true })
  answeredDate?: string | null;

  /** Working days from receipt to `answeredDate` on the production calendar (table calendar_day). */
  @Property({ type: 'integer', nullable: true })
  workingDaysToAnswer?: number | null;

  /** A repeated appeal (linked to an earlier one it repeats). */
  @Property({ type: 'boolean' })
  repeated!: boolean;

  /** At least one response was returned for rework. */
  @Property({ type: 'boolean' })
  reworked!: boolean;

  /** The lead executor's organization (ответственный исполнитель) and its due date. */
  @Property({ type: 'uuid', nullable: true })
  leadOrgId?: string | null;

  @Property({ type: 'string', columnType: 'date', nullable: true })
  leadDueDate?: string | null;

  /** The first-named applicant (for counting distinct applicants); null for anonymous appeals. */
  @Property({ type: 'uuid', nullable: true })
  primaryApplicantId?: string | null;
}

/**
 * The production calendar as a table, for SQL: `workingDaysThrough` counts working days from the first day in
 * the table up to and including `day`, so working days after A up to B = through(B) − through(A), the same as
 * `WorkingCalendar.workingDaysBetween`. Loaded from seeds/calendar/kz-calendar.json (migration, `analytics:rebuild`).
 */
@Entity({ tableName: 'calendar_day' })
export class CalendarDay {
  @PrimaryKey({ type: 'string', columnType: 'date' })
  day!: string;

  @Property({ type: 'boolean' })
  working!: boolean;

  @Property({ type: 'integer' })
  workingDaysThrough!: number;
}

/**
 * Appeals per day of receipt and unit: the second level of the rollup, kept current by a statement-level trigger
 * on `appeal_fact`. The problem map reads the unit's history (6 earlier periods) from here when the map has no
 * topic, form or channel filter: a few thousand rows instead of every appeal of three years. `districtId` is 0 for
 * appeals about a region as a whole (a key column cannot be null).
 */
@Entity({ tableName: 'appeal_daily_count' })
export class AppealDailyCount {
  @PrimaryKey({ type: 'string', columnType: 'date' })
  day!: string;

  @PrimaryKey({ type: 'integer' })
  regionId!: number;

  @PrimaryKey({ type: 'integer' })
  districtId!: number;

  @Property({ type: 'integer' })
  appeals!: number;
}
