/**
 * Benjamini–Hochberg: which of m p-values may be declared discoveries while keeping the expected share of false
 * discoveries among them at most q (for independent or positively dependent tests). Returns, for each p-value,
 * its BH-adjusted value (the q-value); a test is a discovery when its q-value ≤ q.
 */
export function benjaminiHochberg(pValues: readonly number[]): number[] {
  const m = pValues.length;
  const order = pValues.map((p, i) => [p, i] as const).sort((a, b) => a[0] - b[0]);
  const q = new Array<number>(m);
  let running = 1;
  for (let k = m - 1; k >= 0; k--) {
    const [p, i] = order[k];
    running = Math.min(running, (p * m) / (k + 1));
    q[i] = running;
  }
  return q;
}
