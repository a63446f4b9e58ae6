/**
 * Executive discipline (исполнительская дисциплина, regulation 9.x): ranking organizations by how reliably they
 * answer on time, without letting a tiny sample win.
 *
 *  - Only an organization with at least `minSample` decided appeals (answered on time + overdue) is ranked;
 *    the others are listed with rank null ("not enough appeals to judge").
 *  - Among the ranked, the order is by the lower bound of the 95% Wilson interval of the on-time share, so
 *    18 of 20 on time (0.90, bound 0.70) ranks below 95 of 100 (0.95, bound 0.89) and a lucky 10 of 10
 *    (bound 0.72) does not top 190 of 200 (bound 0.91). Ties: the larger sample first, then the name.
 */

export const DEFAULT_MIN_SAMPLE = 10;
const Z95 = 1.959963984540054;

/** Lower bound of the Wilson score interval for `successes` of `n` (0 when n = 0). */
export function wilsonLowerBound(successes: number, n: number, z = Z95): number {
  if (n <= 0) return 0;
  const p = successes / n;
  const z2 = z * z;
  const centre = p + z2 / (2 * n);
  const margin = z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return Math.max(0, (centre - margin) / (1 + z2 / n));
}

export interface DisciplineCounts {
  organizationId: string;
  name: string;
  answeredOnTime: number;
  overdue: number;
}

export interface Ranked<T> {
  row: T;
  rank: number | null;
  score: number | null;
}

/** Ranks the eligible rows (1 = best); ineligible rows follow, by name, with rank null. */
export function rankByDiscipline<T extends DisciplineCounts>(rows: T[], minSample: number): Ranked<T>[] {
  const scored = rows.map((row) => {
    const n = row.answeredOnTime + row.overdue;
    return { row, n, score: n >= minSample ? wilsonLowerBound(row.answeredOnTime, n) : null };
  });
  const eligible = scored
    .filter((s) => s.score !== null)
    .sort((a, b) => b.score! - a.score! || b.n - a.n || a.row.name.localeCompare(b.row.name));
  const others = scored.filter((s) => s.score === null).sort((a, b) => a.row.name.localeCompare(b.row.name));
  return [
    ...eligible.map((s, i) => ({ row: s.row, rank: i + 1, score: Math.round(s.score! * 1000) / 1000 })),
    ...others.map((s) => ({ row: s.row, rank: null, score: null })),
  ];
}
