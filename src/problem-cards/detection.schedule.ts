import type { MikroORM } from '@mikro-orm/postgresql';
import type { Logger } from 'pino';
import { SYSTEM } from '../access/actor';
import { addDays, toLocalDate, type WorkingCalendar } from '../calendar/working-calendar';
import { DetectionCommands, type DetectionSummary } from './detection.commands';
import { systemClock } from '../shared/clock';

/**
 * A simple in-process schedule for systemic-issue detection: every DETECTION_SCHEDULE_HOURS hours (off when unset
 * or 0) the service runs detection over the last DETECTION_LOOKBACK_DAYS days (default 28) as the system, exactly
 * as `detectSystemicIssues` and `npm run analytics:detect` do. Runs never overlap; a failure is logged and the
 * next run tries again. For several instances of the service, schedule the command instead (cron), or keep the
 * schedule on one instance: a database lock keeps concurrent runs of one region from duplicating cards anyway.
 */
export interface DetectionSchedule {
  hours: number;
  lookbackDays: number;
}

export function detectionScheduleFromEnv(env: NodeJS.ProcessEnv = process.env): DetectionSchedule | null {
  const problems: string[] = [];
  const hours = env.DETECTION_SCHEDULE_HOURS?.trim() ? Number(env.DETECTION_SCHEDULE_HOURS) : 0;
  const lookbackDays = env.DETECTION_LOOKBACK_DAYS?.trim() ? Number(env.DETECTION_LOOKBACK_DAYS) : 28;
  if (!Number.isFinite(hours) || hours < 0 || hours > 24 * 31) problems.push(`DETECTION_SCHEDULE_HOURS must be a number of hours 0–744 (got "${env.DETECTION_SCHEDULE_HOURS}")`);
  if (!Number.isInteger(lookbackDays) || lookbackDays < 7 || lookbackDays > 366) problems.push(`DETECTION_LOOKBACK_DAYS must be a whole number of days 7–366 (got "${env.DETECTION_LOOKBACK_DAYS}")`);
  if (problems.length) throw new Error(problems.join('; '));
  return hours > 0 ? { hours, lookbackDays } : null;
}

/** One scheduled run: the last `lookbackDays` days up to today (Kazakhstan time). */
export async function runScheduledDetection(orm: MikroORM, calendar: WorkingCalendar, lookbackDays: number, now = systemClock.now()): Promise<DetectionSummary> {
  const to = toLocalDate(now);
  const from = addDays(to, -lookbackDays);
  const ctx = { em: orm.em.fork() as any, actor: SYSTEM, calendar, now: () => now, requestId: 'detection-schedule' };
  return new DetectionCommands(ctx).run(from, to);
}

export function startDetectionSchedule(deps: { orm: MikroORM; calendar: WorkingCalendar; logger: Logger; schedule: DetectionSchedule }): { stop(): Promise<void> } {
  const { schedule, logger } = deps;
  let running: Promise<unknown> | null = null;
  const tick = () => {
    if (running) return;
    running = runScheduledDetection(deps.orm, deps.calendar, schedule.lookbackDays)
      .then((s) => logger.info({ detection: { ...s, cardIds: s.cardIds.length } }, 'scheduled detection finished'))
      .catch((e) => logger.error({ err: e }, 'scheduled detection failed'))
      .finally(() => {
        running = null;
      });
  };
  const timer = setInterval(tick, schedule.hours * 3600_000);
  timer.unref();
  logger.info({ everyHours: schedule.hours, lookbackDays: schedule.lookbackDays }, 'systemic-issue detection scheduled');
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
