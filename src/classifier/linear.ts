/**
 * Multinomial logistic (softmax) regression for sparse rows, trained by SGD with an exact L2 penalty kept
 * cheap by the weight-scale trick (w = scale · W), a linearly decaying learning rate, per-sample weights, and
 * class updates skipped when their gradient is negligible (most of the 100+ classes, once training settles).
 * Weights are row-major by feature: W[f * C + c].
 */

export interface Csr {
  /** rows + 1 offsets into idx/val */
  ptr: Int32Array;
  idx: Int32Array;
  val: Float32Array;
}

export interface SoftmaxOptions {
  /** SGD passes over the data, per model (shared passes included). */
  epochs: number;
  learningRate: number;
  l2: number;
  seed: number;
  /** Skip a class's update when |gradient| is below this. */
  gradEps: number;
  /**
   * Number of SGD continuations averaged into the returned weights (1 = plain SGD). All start from the state
   * after `sharedEpochs` common passes and run the remaining passes with their own shuffles; the mean of these
   * solutions of the same convex problem has less of the noise of the last examples seen than any one of them.
   */
  runs?: number;
  /** Passes run once before the continuations branch off (0 = fully independent runs). */
  sharedEpochs?: number;
}

export interface SoftmaxModel {
  W: Float32Array;
  b: Float32Array;
}

export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function shuffleInPlace(a: Int32Array | number[], rnd: () => number): void {
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    const t = a[i];
    a[i] = a[j];
    a[j] = t;
  }
}

/** In-place softmax of z[0..C); returns nothing. Uses max-subtraction for stability. */
export function softmaxInPlace(z: Float64Array | Float32Array, C: number): void {
  let m = -Infinity;
  for (let c = 0; c < C; c++) if (z[c] > m) m = z[c];
  let s = 0;
  for (let c = 0; c < C; c++) {
    const e = Math.exp(z[c] - m);
    z[c] = e;
    s += e;
  }
  const inv = 1 / s;
  for (let c = 0; c < C; c++) z[c] *= inv;
}

/** z[0..C) = Σ_{k∈[s,e)} val[k] · W[idx[k]·C + ·], four features per sweep over the classes. */
function rowDot(W: Float32Array, idx: Int32Array, val: Float32Array, s: number, e: number, C: number, z: Float64Array) {
  for (let c = 0; c < C; c++) z[c] = 0;
  let k = s;
  for (; k + 3 < e; k += 4) {
    const v0 = val[k];
    const v1 = val[k + 1];
    const v2 = val[k + 2];
    const v3 = val[k + 3];
    const b0 = idx[k] * C;
    const b1 = idx[k + 1] * C;
    const b2 = idx[k + 2] * C;
    const b3 = idx[k + 3] * C;
    for (let c = 0; c < C; c++) z[c] += v0 * W[b0 + c] + v1 * W[b1 + c] + v2 * W[b2 + c] + v3 * W[b3 + c];
  }
  for (; k < e; k++) {
    const v = val[k];
    const base = idx[k] * C;
    for (let c = 0; c < C; c++) z[c] += v * W[base + c];
  }
}

/** W[idx[k]·C + active[a]] −= step · val[k] · g[a] over the row's features and the active classes. */
function rowUpdate(
  W: Float32Array,
  idx: Int32Array,
  val: Float32Array,
  s: number,
  e: number,
  C: number,
  g: Float64Array,
  active: Int32Array,
  na: number,
  step: number,
) {
  for (let k = s; k < e; k++) {
    const v = val[k] * step;
    const base = idx[k] * C;
    for (let a = 0; a < na; a++) W[base + active[a]] -= g[a] * v;
  }
}

interface SgdState {
  W: Float32Array;
  b: Float32Array;
  /** true weights = scale · W */
  scale: number;
}

/** Runs passes [fromEpoch, toEpoch) of SGD in place on `st` (the learning-rate schedule spans all opt.epochs). */
function sgdPasses(
  st: SgdState,
  X: Csr,
  y: Int32Array,
  sampleWeight: Float32Array,
  C: number,
  opt: SoftmaxOptions,
  fromEpoch: number,
  toEpoch: number,
  rnd: () => number,
): void {
  const n = y.length;
  const { W, b } = st;
  let scale = st.scale;
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  const z = new Float64Array(C);
  const g = new Float64Array(C);
  const active = new Int32Array(C);
  const T = opt.epochs * n;
  const gradEps = opt.gradEps;
  let t = fromEpoch * n;
  const { ptr, idx, val } = X;
  for (let epoch = fromEpoch; epoch < toEpoch; epoch++) {
    shuffleInPlace(order, rnd);
    for (let oi = 0; oi < n; oi++) {
      const i = order[oi];
      const lr = opt.learningRate * Math.max(0.02, 1 - t / T);
      t++;
      const s = ptr[i];
      const e = ptr[i + 1];
      rowDot(W, idx, val, s, e, C, z);
      for (let c = 0; c < C; c++) z[c] = z[c] * scale + b[c];
      softmaxInPlace(z, C);
      const sw = sampleWeight[i];
      const yi = y[i];
      let na = 0;
      for (let c = 0; c < C; c++) {
        const gc = sw * (z[c] - (c === yi ? 1 : 0));
        if (gc > gradEps || gc < -gradEps) {
          g[na] = gc;
          active[na++] = c;
        }
      }
      // exact L2 on all weights via the scale
      if (opt.l2 > 0) {
        scale *= 1 - lr * opt.l2;
        if (scale < 1e-6) {
          for (let j = 0; j < W.length; j++) W[j] *= scale;
          scale = 1;
        }
      }
      if (na === 0) continue;
      rowUpdate(W, idx, val, s, e, C, g, active, na, lr / scale);
      for (let a = 0; a < na; a++) b[active[a]] -= lr * g[a];
    }
  }
  st.scale = scale;
}

export function trainSoftmax(
  X: Csr,
  y: Int32Array,
  sampleWeight: Float32Array,
  nFeatures: number,
  C: number,
  opt: SoftmaxOptions,
): SoftmaxModel {
  const n = y.length;
  const st: SgdState = { W: new Float32Array(nFeatures * C), b: new Float32Array(C), scale: 1 };
  // bias starts at log class priors: fewer steps wasted on learning the base rates
  const counts = new Float64Array(C);
  for (let i = 0; i < n; i++) counts[y[i]] += sampleWeight[i];
  let tot = 0;
  for (let c = 0; c < C; c++) tot += counts[c];
  for (let c = 0; c < C; c++) st.b[c] = Math.log((counts[c] + 0.5) / (tot + 0.5 * C));

  const runs = Math.max(1, Math.floor(opt.runs ?? 1));
  const shared = runs > 1 ? Math.min(opt.epochs, Math.max(0, Math.floor(opt.sharedEpochs ?? 0))) : opt.epochs;
  const rnd = mulberry32(opt.seed);
  sgdPasses(st, X, y, sampleWeight, C, opt, 0, shared, rnd);
  if (runs === 1 || shared === opt.epochs) {
    if (st.scale !== 1) for (let j = 0; j < st.W.length; j++) st.W[j] *= st.scale;
    return { W: st.W, b: st.b };
  }
  const W = new Float32Array(st.W.length);
  const b = new Float32Array(C);
  for (let r = 0; r < runs; r++) {
    const branch: SgdState = { W: Float32Array.from(st.W), b: Float32Array.from(st.b), scale: st.scale };
    sgdPasses(branch, X, y, sampleWeight, C, opt, shared, opt.epochs, mulberry32(opt.seed + 7919 * (r + 1)));
    const f = branch.scale / runs;
    for (let j = 0; j < W.length; j++) W[j] += branch.W[j] * f;
    for (let c = 0; c < C; c++) b[c] += branch.b[c] / runs;
  }
  return { W, b };
}

/**
 * Sparse int8 weights: per feature, the classes whose |weight| ≥ `prune` (absolute), quantised with a per-feature
 * scale (max |w| / 127). Scoring reads the int8 values directly (scale applied once per feature): a model scores
 * identically before and after a serialisation round trip, and the memory traffic per weight is 2 bytes.
 */
export interface SparseWeights {
  C: number;
  /** nFeatures + 1 offsets into cls / q */
  ptr: Int32Array;
  /** class of each stored weight (Uint8Array when C ≤ 256) */
  cls: Uint8Array | Uint16Array;
  q: Int8Array;
  scales: Float32Array;
}

export function sparsify(
  W: Float32Array,
  nFeatures: number,
  C: number,
  prune: number,
  rowPrune?: Float32Array,
): SparseWeights {
  const ptr = new Int32Array(nFeatures + 1);
  // Rows keeping at least 90% of the classes are stored densely (all C entries, zeros included): scoring
  // recognises them by their length (= C) and runs a contiguous loop over them.
  const denseFrom = Math.max(1, Math.ceil(C * 0.9));
  const kept = new Int32Array(nFeatures);
  let nnz = 0;
  for (let f = 0; f < nFeatures; f++) {
    const base = f * C;
    const th = rowPrune ? rowPrune[f] : prune;
    let n = 0;
    for (let c = 0; c < C; c++) if (Math.abs(W[base + c]) >= th && W[base + c] !== 0) n++;
    kept[f] = n >= denseFrom ? C : n;
    nnz += kept[f];
  }
  const cls = C <= 256 ? new Uint8Array(nnz) : new Uint16Array(nnz);
  const q = new Int8Array(nnz);
  const scales = new Float32Array(nFeatures);
  let k = 0;
  for (let f = 0; f < nFeatures; f++) {
    const base = f * C;
    let m = 0;
    for (let c = 0; c < C; c++) m = Math.max(m, Math.abs(W[base + c]));
    const sc = Math.fround(m / 127);
    scales[f] = sc;
    const dense = kept[f] === C;
    const th = rowPrune ? rowPrune[f] : prune;
    for (let c = 0; c < C; c++) {
      const x = W[base + c];
      if (dense || (Math.abs(x) >= th && x !== 0)) {
        const qq = Math.abs(x) >= th && sc > 0 ? Math.round(x / sc) : 0;
        if (qq === 0 && !dense) continue;
        cls[k] = c;
        q[k++] = qq;
      }
    }
    ptr[f + 1] = k;
  }
  return { C, ptr, cls: cls.subarray(0, k), q: q.subarray(0, k), scales };
}

function logits8(
  ptr: Int32Array,
  cls: Uint8Array,
  q: Int8Array,
  scales: Float32Array,
  idx: Int32Array,
  val: Float32Array,
  nnz: number,
  z: Float64Array,
  C: number,
) {
  for (let k = 0; k < nnz; k++) {
    const f = idx[k];
    const v = val[k] * scales[f];
    const s = ptr[f];
    const e = ptr[f + 1];
    if (e - s === C) {
      for (let c = 0; c < C; c++) z[c] += v * q[s + c];
    } else {
      for (let j = s; j < e; j++) z[cls[j]] += v * q[j];
    }
  }
}

function logits16(
  ptr: Int32Array,
  cls: Uint16Array,
  q: Int8Array,
  scales: Float32Array,
  idx: Int32Array,
  val: Float32Array,
  nnz: number,
  z: Float64Array,
  C: number,
) {
  for (let k = 0; k < nnz; k++) {
    const f = idx[k];
    const v = val[k] * scales[f];
    const s = ptr[f];
    const e = ptr[f + 1];
    if (e - s === C) {
      for (let c = 0; c < C; c++) z[c] += v * q[s + c];
    } else {
      for (let j = s; j < e; j++) z[cls[j]] += v * q[j];
    }
  }
}

/** z = b + Σ_{k<nnz} val[k] · W[idx[k], ·] over the sparse weights (nnz defaults to idx.length). */
export function sparseLogits(
  sw: SparseWeights,
  b: Float32Array,
  idx: Int32Array,
  val: Float32Array,
  z: Float64Array,
  nnz = idx.length,
): void {
  const C = sw.C;
  for (let c = 0; c < C; c++) z[c] = b[c];
  if (sw.cls instanceof Uint8Array) logits8(sw.ptr, sw.cls, sw.q, sw.scales, idx, val, nnz, z, C);
  else logits16(sw.ptr, sw.cls, sw.q, sw.scales, idx, val, nnz, z, C);
}
