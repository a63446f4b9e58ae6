/**
 * Advisory assistance (консультация, regulation 5.8): given in person, by phone or online; counted in the statistics
 * beside appeals. Pure rules.
 */
import { badInput } from '../../shared/errors';

export const CONSULTATION_CHANNELS = ['in_person', 'phone', 'online'] as const;
export type ConsultationChannel = (typeof CONSULTATION_CHANNELS)[number];

export const STATISTICS_PERIODS = ['day', 'week', 'month'] as const;
export type StatisticsPeriod = (typeof STATISTICS_PERIODS)[number];

/** A period of statistics is at most this long (keeps the query bounded). */
export const MAX_STATISTICS_DAYS = 731;

export function validateConsultation(c: { givenAt: Date; durationMinutes: number | null }, now: Date): void {
  if (c.givenAt.getTime() > now.getTime() + 5 * 60_000) throw badInput('givenAt', 'A consultation is recorded after it was given');
  if (c.durationMinutes != null && (!Number.isInteger(c.durationMinutes) || c.durationMinutes < 1 || c.durationMinutes > 480)) {
    throw badInput('durationMinutes', 'durationMinutes must be 1–480');
  }
}

export function validateStatisticsRange(from: string, to: string): void {
  if (from > to) throw badInput('to', 'The period ends before it starts');
  if ((Date.parse(to) - Date.parse(from)) / 86_400_000 > MAX_STATISTICS_DAYS) throw badInput('to', `At most ${MAX_STATISTICS_DAYS} days`);
}
