/**
 * TextClassifier: TF-IDF over word and character n-grams (+ one-hot extras) → softmax regression,
 * temperature-calibrated, int8-quantised, serialised to a compact Buffer.
 */
import {
  DEFAULT_FEATURE_OPTIONS,
  Vectorizer,
  extractHashes,
  reweightBySupervision,
  type FeatureOptions,
  type SparseRow,
} from './features';
import { softmaxInPlace, sparseLogits, sparsify, trainSoftmax, type Csr, type SparseWeights } from './linear';
import { systemClock } from '../shared/clock';

export interface TrainingDoc {
  text: string;
  label: string;
  extras?: Record<string, string>;
  weight?: number;
}

export interface Prediction {
  label: string;
  probability: number;
}

export interface TrainOptions extends FeatureOptions {
  /**
   * SGD passes over the data; 0 = automatic: 4 for up to 50 labels, 3 beyond (with many small classes a fourth
   * pass overfits them, and each pass costs in proportion to the labels).
   */
  epochs: number;
  /** Initial learning rate (decays linearly to 2% of it). */
  learningRate: number;
  /** L2 penalty per sample (objective: mean loss + l2/2·‖w‖²). */
  l2: number;
  /** Class weight = (n / (C·n_c))^power, normalised to mean 1 over samples; 0 = unweighted. */
  classWeightPower: number;
  /** Cap on a class weight (after normalisation). */
  maxClassWeight: number;
  /**
   * Fit a softmax temperature on a held-out share of the training data (then retrain on everything).
   * 0 disables calibration (temperature 1).
   */
  calibrationFraction: number;
  /** Skip class updates with |gradient| below this. */
  gradEps: number;
  /** After training, drop weights with |w| below this (sparser, smaller, faster model); see pruneContribution. */
  prune: number;
  /**
   * When > 0, replaces `prune`: drop the weights whose typical contribution to a logit, |w| × the feature's mean
   * value in the training rows, is below this. Frequent character n-grams (small values, many classes) lose
   * more weights than rare words, which keeps accuracy and cuts the work of scoring.
   */
  pruneContribution: number;
  /**
   * SGD continuations averaged into one model: after the common first passes, `runs` copies each run the last
   * `branchEpochs` passes in their own order, and their weights are averaged (same size and speed as one model,
   * less of the noise of the order of the last examples). 1 = plain SGD; 0 = automatic: 3 for up to 50 labels,
   * 2 beyond (a third continuation adds nothing measurable there and costs a pass).
   */
  runs: number;
  /** Supervised IDF boost (0 = plain IDF); see reweightBySupervision. */
  supervisedIdf: number;
  /** Passes each continuation runs on its own (the rest are shared); ≥ epochs = independent runs. */
  branchEpochs: number;
  seed: number;
}

export const DEFAULT_TRAIN_OPTIONS: TrainOptions = {
  ...DEFAULT_FEATURE_OPTIONS,
  epochs: 0,
  learningRate: 1,
  l2: 1e-6,
  classWeightPower: 0.5,
  maxClassWeight: 10,
  calibrationFraction: 0,
  gradEps: 1e-4,
  prune: 0.1,
  pruneContribution: 0.01,
  runs: 0,
  supervisedIdf: 3,
  branchEpochs: 1,
  seed: 1,
};

export interface ModelMeta {
  formatVersion: number;
  trainedAt: string;
  trainDocs: number;
  features: number;
  temperature: number;
  options: TrainOptions;
}

const MAGIC = 0x43545142; // "BQTC" little-endian
const FORMAT_VERSION = 3;

interface Parts {
  labels: string[];
  vectorizer: Vectorizer;
  sw: SparseWeights;
  b: Float32Array;
  meta: ModelMeta;
}

function buildRows(docs: TrainingDoc[], y: Int32Array, C: number, opt: TrainOptions) {
  const raw: number[][] = docs.map((d) => extractHashes(d.text, d.extras, opt, []).hashes);
  const vectorizer = Vectorizer.fit(raw, opt);
  if (opt.supervisedIdf > 0) reweightBySupervision(vectorizer, raw, y, C, opt.supervisedIdf);
  const rows: SparseRow[] = raw.map((h) => vectorizer.vectorizeHashes(h));
  return { vectorizer, rows };
}

function toCsr(rows: SparseRow[]): Csr {
  let nnz = 0;
  for (const r of rows) nnz += r.idx.length;
  const ptr = new Int32Array(rows.length + 1);
  const idx = new Int32Array(nnz);
  const val = new Float32Array(nnz);
  let k = 0;
  rows.forEach((r, i) => {
    idx.set(r.idx, k);
    val.set(r.val, k);
    k += r.idx.length;
    ptr[i + 1] = k;
  });
  return { ptr, idx, val };
}

function sampleWeights(docs: TrainingDoc[], y: Int32Array, C: number, opt: TrainOptions): Float32Array {
  const n = docs.length;
  const counts = new Float64Array(C);
  for (let i = 0; i < n; i++) counts[y[i]]++;
  const cw = new Float64Array(C);
  for (let c = 0; c < C; c++) cw[c] = counts[c] > 0 ? Math.pow(n / (C * counts[c]), opt.classWeightPower) : 0;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += cw[y[i]];
  mean /= n;
  const sw = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const w = Math.min(opt.maxClassWeight, cw[y[i]] / mean);
    const dw = docs[i].weight;
    sw[i] = w * (dw !== undefined && Number.isFinite(dw) && dw >= 0 ? dw : 1);
  }
  return sw;
}


/** Temperature minimising the held-out negative log-likelihood (golden-section search on log T). */
function fitTemperature(Z: Float64Array[], y: Int32Array, C: number): number {
  const p = new Float64Array(C);
  const nll = (T: number) => {
    let s = 0;
    for (let i = 0; i < Z.length; i++) {
      for (let c = 0; c < C; c++) p[c] = Z[i][c] / T;
      softmaxInPlace(p, C);
      s -= Math.log(Math.max(1e-12, p[y[i]]));
    }
    return s;
  };
  let lo = Math.log(0.2);
  let hi = Math.log(5);
  const gr = (Math.sqrt(5) - 1) / 2;
  let a = hi - gr * (hi - lo);
  let bb = lo + gr * (hi - lo);
  let fa = nll(Math.exp(a));
  let fb = nll(Math.exp(bb));
  for (let it = 0; it < 30; it++) {
    if (fa < fb) {
      hi = bb;
      bb = a;
      fb = fa;
      a = hi - gr * (hi - lo);
      fa = nll(Math.exp(a));
    } else {
      lo = a;
      a = bb;
      fa = fb;
      bb = lo + gr * (hi - lo);
      fb = nll(Math.exp(bb));
    }
  }
  return Math.exp((lo + hi) / 2);
}

/** Passes when `epochs` is 0: see TrainOptions.epochs. */
export function autoEpochs(labels: number): number {
  return labels > 50 ? 3 : 4;
}

/** Continuations when `runs` is 0: see TrainOptions.runs. */
export function autoRuns(labels: number): number {
  return labels > 50 ? 2 : 3;
}

function fitParts(docs: TrainingDoc[], labels: string[], opt: TrainOptions) {
  const C = labels.length;
  const li = new Map(labels.map((l, i) => [l, i]));
  const y = Int32Array.from(docs, (d) => li.get(d.label)!);
  const { vectorizer, rows } = buildRows(docs, y, C, opt);
  const X = toCsr(rows);
  const sw = sampleWeights(docs, y, C, opt);
  const epochs = opt.epochs > 0 ? Math.floor(opt.epochs) : autoEpochs(C);
  const { W, b } = trainSoftmax(X, y, sw, vectorizer.size, C, {
    epochs,
    learningRate: opt.learningRate,
    l2: opt.l2,
    seed: opt.seed,
    gradEps: opt.gradEps,
    runs: opt.runs > 0 ? opt.runs : autoRuns(C),
    sharedEpochs: Math.max(0, epochs - Math.max(1, Math.floor(opt.branchEpochs))),
  });
  let rowPrune: Float32Array | undefined;
  if (opt.pruneContribution > 0) {
    const sum = new Float64Array(vectorizer.size);
    const cnt = new Float64Array(vectorizer.size);
    for (let k = 0; k < X.idx.length; k++) {
      sum[X.idx[k]] += X.val[k];
      cnt[X.idx[k]]++;
    }
    rowPrune = Float32Array.from(sum, (s, f) => (s > 0 ? (opt.pruneContribution * cnt[f]) / s : opt.prune));
  }
  return { vectorizer, sw: sparsify(W, vectorizer.size, C, opt.prune, rowPrune), b };
}

export class TextClassifier {
  readonly labels: string[];
  readonly meta: ModelMeta;
  private readonly vectorizer: Vectorizer;
  private readonly sw: SparseWeights;
  private readonly b: Float32Array;
  private readonly C: number;
  private readonly z: Float64Array;
  private readonly hashScratch: number[] = [];
  private rowIdx = new Int32Array(1024);
  private rowVal = new Float32Array(1024);

  private constructor(p: Parts) {
    this.labels = p.labels;
    this.vectorizer = p.vectorizer;
    this.sw = p.sw;
    this.b = p.b;
    this.meta = p.meta;
    this.C = p.labels.length;
    this.z = new Float64Array(this.C);
  }

  static train(docs: TrainingDoc[], options: Partial<TrainOptions> = {}): TextClassifier {
    const opt: TrainOptions = { ...DEFAULT_TRAIN_OPTIONS, ...options };
    const clean = docs.filter((d) => typeof d.label === 'string' && d.label.trim() !== '' && typeof d.text === 'string');
    if (clean.length === 0) throw new Error('TextClassifier.train: no labelled documents');
    const labels = [...new Set(clean.map((d) => d.label))].sort();
    if (labels.length < 2) throw new Error(`TextClassifier.train: need at least 2 labels, got ${labels.length}`);
    if (!(opt.epochs > 0)) opt.epochs = autoEpochs(labels.length);
    if (!(opt.runs > 0)) opt.runs = autoRuns(labels.length);

    let temperature = 1;
    if (opt.calibrationFraction > 0 && clean.length >= 50) {
      // deterministic hold-out: every k-th document of the (given) order
      const k = Math.max(2, Math.round(1 / opt.calibrationFraction));
      const fit: TrainingDoc[] = [];
      const held: TrainingDoc[] = [];
      clean.forEach((d, i) => (i % k === k - 1 ? held : fit).push(d));
      const fitLabels = new Set(fit.map((d) => d.label));
      const heldKnown = held.filter((d) => fitLabels.has(d.label));
      if (heldKnown.length > 0 && fitLabels.size >= 2) {
        const part = fitParts(fit, labels, opt);
        const C = labels.length;
        const li = new Map(labels.map((l, i) => [l, i]));
        const Z = heldKnown.map((d) => {
          const z = new Float64Array(C);
          const row = part.vectorizer.vectorize(d.text, d.extras);
          sparseLogits(part.sw, part.b, row.idx, row.val, z);
          return z;
        });
        temperature = fitTemperature(Z, Int32Array.from(heldKnown, (d) => li.get(d.label)!), C);
      }
    }
    const p = fitParts(clean, labels, opt);
    return new TextClassifier({
      labels,
      ...p,
      meta: {
        formatVersion: FORMAT_VERSION,
        trainedAt: systemClock.now().toISOString(),
        trainDocs: clean.length,
        features: p.vectorizer.size,
        temperature,
        options: opt,
      },
    });
  }

  /** Class probabilities of one text, written into this.z. */
  private score(text: string, extras: Record<string, string> | undefined): Float64Array {
    const hashes = extractHashes(text ?? '', extras, this.vectorizer.options, this.hashScratch).hashes;
    if (this.rowIdx.length < hashes.length) {
      this.rowIdx = new Int32Array(hashes.length * 2);
      this.rowVal = new Float32Array(hashes.length * 2);
    }
    const nnz = this.vectorizer.vectorizeInto(hashes, this.rowIdx, this.rowVal);
    const z = this.z;
    const C = this.C;
    sparseLogits(this.sw, this.b, this.rowIdx, this.rowVal, z, nnz);
    const T = this.meta.temperature;
    if (T !== 1) for (let c = 0; c < C; c++) z[c] /= T;
    softmaxInPlace(z, C);
    return z;
  }

  private topK(p: Float64Array, top: number): Prediction[] {
    const C = this.C;
    const k = Math.max(1, Math.min(C, Math.floor(top)));
    const best: number[] = [];
    for (let c = 0; c < C; c++) {
      if (best.length < k) {
        best.push(c);
        for (let j = best.length - 1; j > 0 && p[best[j]] > p[best[j - 1]]; j--) {
          const t = best[j];
          best[j] = best[j - 1];
          best[j - 1] = t;
        }
      } else if (p[c] > p[best[k - 1]]) {
        best[k - 1] = c;
        for (let j = k - 1; j > 0 && p[best[j]] > p[best[j - 1]]; j--) {
          const t = best[j];
          best[j] = best[j - 1];
          best[j - 1] = t;
        }
      }
    }
    return best.map((c) => ({ label: this.labels[c], probability: p[c] }));
  }

  /** Top `top` labels (default 3) with probabilities, most probable first. */
  predict(text: string, extras?: Record<string, string>, top = 3): Prediction[] {
    return this.topK(this.score(text, extras), top);
  }

  /** The full probability vector (aligned with `labels`). */
  probabilities(text: string, extras?: Record<string, string>): Float64Array {
    return Float64Array.from(this.score(text, extras));
  }

  predictBatch(items: { text: string; extras?: Record<string, string> }[], top = 3): Prediction[][] {
    return items.map((it) => this.predict(it.text, it.extras, top));
  }

  /** Number of stored (non-pruned) weights. */
  get weightCount(): number {
    return this.sw.q.length;
  }

  /**
   * Layout (little-endian): magic, format version, meta length, feature count, weight count; meta JSON (labels,
   * meta) padded to 4 bytes; then feature hashes u32[F], idf f32[F], row scales f32[F], row offsets i32[F+1],
   * bias f32[C], weight classes u8[N] (u16[N] when C > 256), weights i8[N].
   */
  serialize(): Buffer {
    const metaBuf = Buffer.from(JSON.stringify({ labels: this.labels, meta: this.meta }), 'utf8');
    const nF = this.vectorizer.size;
    const C = this.C;
    const N = this.sw.q.length;
    const head = 20;
    const metaPad = (4 - ((head + metaBuf.length) % 4)) % 4;
    const total = head + metaBuf.length + metaPad + nF * 4 * 3 + (nF + 1) * 4 + C * 4 + N * this.sw.cls.BYTES_PER_ELEMENT + N;
    const out = Buffer.alloc(total);
    out.writeUInt32LE(MAGIC, 0);
    out.writeUInt32LE(FORMAT_VERSION, 4);
    out.writeUInt32LE(metaBuf.length, 8);
    out.writeUInt32LE(nF, 12);
    out.writeUInt32LE(N, 16);
    metaBuf.copy(out, head);
    let o = head + metaBuf.length + metaPad;
    const put = (a: Uint32Array | Int32Array | Float32Array | Uint16Array | Uint8Array | Int8Array) => {
      Buffer.from(a.buffer, a.byteOffset, a.byteLength).copy(out, o);
      o += a.byteLength;
    };
    put(this.vectorizer.hashes);
    put(this.vectorizer.idf);
    put(this.sw.scales);
    put(this.sw.ptr);
    put(this.b);
    put(this.sw.cls);
    put(this.sw.q);
    return out;
  }

  static deserialize(buf: Buffer): TextClassifier {
    if (buf.length < 20 || buf.readUInt32LE(0) !== MAGIC) throw new Error('TextClassifier.deserialize: not a model');
    const version = buf.readUInt32LE(4);
    if (version !== FORMAT_VERSION) throw new Error(`TextClassifier.deserialize: unsupported format ${version}`);
    const metaLen = buf.readUInt32LE(8);
    const nF = buf.readUInt32LE(12);
    const N = buf.readUInt32LE(16);
    const { labels, meta } = JSON.parse(buf.subarray(20, 20 + metaLen).toString('utf8')) as {
      labels: string[];
      meta: ModelMeta;
    };
    const C = labels.length;
    let o = 20 + metaLen + ((4 - ((20 + metaLen) % 4)) % 4);
    const clsBytes = C <= 256 ? 1 : 2;
    const need = o + nF * 12 + (nF + 1) * 4 + C * 4 + N * (clsBytes + 1);
    if (buf.length < need) throw new Error('TextClassifier.deserialize: truncated buffer');
    const take = (bytes: number) => {
      // copy into a fresh, aligned ArrayBuffer
      const ab = new ArrayBuffer(bytes);
      buf.copy(Buffer.from(ab), 0, o, o + bytes);
      o += bytes;
      return ab;
    };
    const hashes = new Uint32Array(take(nF * 4));
    const idf = new Float32Array(take(nF * 4));
    const scales = new Float32Array(take(nF * 4));
    const ptr = new Int32Array(take((nF + 1) * 4));
    const b = new Float32Array(take(C * 4));
    const cls = clsBytes === 1 ? new Uint8Array(take(N)) : new Uint16Array(take(N * 2));
    const q = new Int8Array(take(N));
    const featureOptions: FeatureOptions = { ...DEFAULT_FEATURE_OPTIONS };
    for (const k of Object.keys(DEFAULT_FEATURE_OPTIONS) as (keyof FeatureOptions)[]) {
      if (typeof meta.options[k] === 'number') featureOptions[k] = meta.options[k];
    }
    const vectorizer = new Vectorizer(featureOptions, hashes, idf);
    const sw: SparseWeights = { C, ptr, cls, q, scales };
    return new TextClassifier({ labels, vectorizer, sw, b, meta });
  }
}
