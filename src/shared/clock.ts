/**
 * The one place that reads the wall clock. Everything else is handed a clock (or its `now`) by the composition root
 * (src/main.ts, a command-line entry point, a test), so that a test can set the date and the service behaves the
 * same on any day.
 */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock stopped at one instant (tests, demos made "as of" a day). */
export function fixedClock(at: Date | string): Clock {
  const t = new Date(at).getTime();
  if (Number.isNaN(t)) throw new RangeError(`not an instant: ${String(at)}`);
  return { now: () => new Date(t) };
}
