/**
 * The negative binomial distribution in the (mean μ, size r) parametrisation: Var = μ + μ²/r; r = ∞ is Poisson.
 * Tail probabilities are summed term by term from the side that keeps their precision (a p-value of 1e-12 is
 * computed as such, not as 1 − 0.999999999999).
 */

const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];

/** ln Γ(x) for x > 0 (Lanczos, g = 7; ~15 significant digits). */
export function logGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  x -= 1;
  let a = LANCZOS[0];
  const t = x + 7.5;
  for (let i = 1; i < 9; i++) a += LANCZOS[i] / (x + i);
  return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(a);
}

const POISSON_SIZE = 1e8;

/** ln P(Y = y) for Y ~ NB(μ, r); r = Infinity (or very large) gives the Poisson. */
export function nbLogPmf(y: number, mu: number, r: number): number {
  if (y < 0 || !Number.isInteger(y)) return -Infinity;
  if (mu <= 0) return y === 0 ? 0 : -Infinity;
  if (!(r < POISSON_SIZE)) return y * Math.log(mu) - mu - logGamma(y + 1);
  return (
    logGamma(y + r) - logGamma(r) - logGamma(y + 1) + r * Math.log(r / (r + mu)) + y * Math.log(mu / (r + mu))
  );
}

/** P(Y ≥ y) for Y ~ NB(μ, r). */
export function nbUpperTail(y: number, mu: number, r: number): number {
  if (y <= 0) return 1;
  if (mu <= 0) return 0;
  const poisson = !(r < POISSON_SIZE);
  const q = poisson ? 0 : mu / (r + mu);
  // ratio P(k+1)/P(k)
  const ratio = (k: number) => (poisson ? mu / (k + 1) : ((k + r) / (k + 1)) * q);
  if (y > mu) {
    // upper sum from y: terms fall geometrically past the mode
    let p = Math.exp(nbLogPmf(y, mu, r));
    let sum = p;
    for (let k = y; k < y + 100_000; k++) {
      p *= ratio(k);
      sum += p;
      if (p < sum * 1e-16) break;
    }
    return Math.min(1, sum);
  }
  // lower sum to y−1
  let p = Math.exp(nbLogPmf(0, mu, r));
  let sum = p;
  for (let k = 0; k < y - 1; k++) {
    p *= ratio(k);
    sum += p;
  }
  return Math.max(0, Math.min(1, 1 - sum));
}

/**
 * ln P(Y ≥ y) for Y ~ NB(μ, r), summed in log space outward from y, so that tails far below 1e-300 keep a finite
 * logarithm (the map's unusualness score needs them; `nbUpperTail` underflows to 0 there).
 */
export function nbLogUpperTail(y: number, mu: number, r: number): number {
  if (y <= 0) return 0;
  if (mu <= 0) return -Infinity;
  const oneMinusQ = mu / (r + mu);
  if (y > mu) {
    // upper sum: t(k+1)/t(k) = (k + r)/(k + 1) · (1 − q), decreasing past the mode
    let rel = 1;
    let term = 1;
    for (let k = y; k < y + 1_000_000; k++) {
      term *= ((k + r) / (k + 1)) * oneMinusQ;
      rel += term;
      if (term < rel * 1e-17) break;
    }
    return nbLogPmf(y, mu, r) + Math.log(rel);
  }
  // y ≤ μ: 1 − P(Y ≤ y − 1), the lower sum downward from y − 1: t(k−1)/t(k) = k / ((k − 1 + r)(1 − q))
  let rel = 1;
  let term = 1;
  for (let k = y - 1; k > 0; k--) {
    term *= k / ((k - 1 + r) * oneMinusQ);
    rel += term;
    if (term < rel * 1e-17) break;
  }
  const lower = Math.exp(nbLogPmf(y - 1, mu, r)) * rel;
  return Math.log(Math.max(1 - lower, Number.MIN_VALUE));
}

/** The smallest y with P(Y ≤ y) ≥ q. */
export function nbQuantile(q: number, mu: number, r: number): number {
  if (mu <= 0) return 0;
  const poisson = !(r < POISSON_SIZE);
  const ratio = poisson ? 0 : mu / (r + mu);
  let p = Math.exp(nbLogPmf(0, mu, r));
  let cdf = p;
  let y = 0;
  while (cdf < q && y < 1_000_000) {
    p *= poisson ? mu / (y + 1) : ((y + r) / (y + 1)) * ratio;
    y++;
    cdf += p;
    if (p === 0 && y > mu) break;
  }
  return y;
}

/**
 * ln [NB(y; δμ, r) / NB(y; μ, r)]: the log-likelihood ratio of "the mean rose δ-fold" against "as usual",
 * the increment of the CUSUM.
 */
export function nbLogLikelihoodRatio(y: number, mu: number, r: number, delta: number): number {
  if (mu <= 0) return 0;
  if (!(r < POISSON_SIZE)) return y * Math.log(delta) - (delta - 1) * mu;
  const m1 = delta * mu;
  return y * (Math.log(m1 / (r + m1)) - Math.log(mu / (r + mu))) + r * (Math.log(r / (r + m1)) - Math.log(r / (r + mu)));
}

/** A deterministic pseudo-random source (mulberry32) for simulations and tests. */
export function seededRandom(seed: number): () => number {
  let state = (seed ^ 0x9e3779b9) >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A Poisson draw (Knuth for small means, normal approximation above 60). */
export function poissonDraw(mu: number, rand: () => number): number {
  if (mu <= 0) return 0;
  if (mu > 60) return Math.max(0, Math.round(mu + Math.sqrt(mu) * normalDraw(rand)));
  const l = Math.exp(-mu);
  let k = 0;
  let p = 1;
  do {
    k++;
    p *= rand();
  } while (p > l);
  return k - 1;
}

export function normalDraw(rand: () => number): number {
  const u = Math.max(rand(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rand());
}

/** A gamma draw (Marsaglia–Tsang), for negative binomial = Poisson(Gamma) series. */
export function gammaDraw(shape: number, rand: () => number): number {
  if (shape < 1) return gammaDraw(shape + 1, rand) * Math.pow(Math.max(rand(), 1e-12), 1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = normalDraw(rand);
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = rand();
    if (u < 1 - 0.0331 * x ** 4 || Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v;
  }
}

export function nbDraw(mu: number, r: number, rand: () => number): number {
  if (!(r < POISSON_SIZE)) return poissonDraw(mu, rand);
  return poissonDraw((gammaDraw(r, rand) * mu) / r, rand);
}
