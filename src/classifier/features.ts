/**
 * Sparse features: hashed word unigrams + bigrams (stems), character n-grams inside word boundaries, and one-hot
 * categorical extras. Every feature is a 32-bit hash (its namespace mixed in); a vocabulary built at training
 * time (document frequency ≥ minDf) maps hashes to dense column indices, with an IDF per column. Rows are
 * TF-IDF with sublinear tf, L2-normalised per block (words, characters), extras added with a fixed value.
 */
import { analyze, type Language } from './text';

export interface FeatureOptions {
  /** Word n-gram orders over stems: 1 = unigrams, 2 = unigrams + bigrams. */
  wordNgrams: number;
  /** Character n-gram range, inside word boundaries (words padded with a space on each side). 0 disables. */
  charMin: number;
  charMax: number;
  /** Weight of each block after its own L2 normalisation. */
  wordWeight: number;
  charWeight: number;
  /** Value of a one-hot extra feature (extras are not normalised). */
  extraWeight: number;
  /** Minimum document frequency for a feature to enter the vocabulary. */
  minDf: number;
  /** Keep at most this many features (highest df first). */
  maxFeatures: number;
}

export const DEFAULT_FEATURE_OPTIONS: FeatureOptions = {
  wordNgrams: 2,
  charMin: 3,
  charMax: 4,
  wordWeight: 1,
  charWeight: 1,
  extraWeight: 0.3,
  minDf: 2,
  maxFeatures: 400_000,
};

// Block tags live in the low 2 bits of every hash so the block is recoverable from the hash alone.
export const BLOCK_WORD = 0;
export const BLOCK_CHAR = 1;
export const BLOCK_EXTRA = 2;

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

function hashString(s: string, seed: number): number {
  let h = (FNV_OFFSET ^ seed) >>> 0;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), FNV_PRIME);
  return h >>> 0;
}

/** Final avalanche (murmur3 fmix32) so that low bits are well mixed, then the block tag in the 2 low bits. */
function finish(h: number, block: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return ((h & ~3) | block) >>> 0;
}

/** Raw hashed features of one document: hashes (with repeats = term counts). */
export interface RawFeatures {
  hashes: number[];
  lang: Language;
}

export function extractHashes(
  text: string,
  extras: Record<string, string> | undefined,
  opt: FeatureOptions,
  out: number[] = [],
): RawFeatures {
  out.length = 0;
  const a = analyze(text);
  // word unigrams and bigrams
  const stems = a.stems;
  let prev = 0;
  for (let i = 0; i < stems.length; i++) {
    const h = hashString(stems[i], 0x1000);
    out.push(finish(h, BLOCK_WORD));
    if (opt.wordNgrams >= 2 && i > 0) out.push(finish(Math.imul(prev ^ 0x9e3779b9, 31) ^ h, BLOCK_WORD));
    prev = h;
  }
  // character n-grams inside word boundaries: " word " → " w", " wo", …
  if (opt.charMax > 0) {
    const minN = opt.charMin;
    const maxN = opt.charMax;
    for (const tok of a.tokens) {
      const L = tok.length + 2;
      for (let i = 0; i < L; i++) {
        let h = (FNV_OFFSET ^ 0x2000) >>> 0;
        const end = Math.min(L, i + maxN);
        for (let j = i; j < end; j++) {
          const c = j === 0 || j === L - 1 ? 32 : tok.charCodeAt(j - 1);
          h = Math.imul(h ^ c, FNV_PRIME);
          const n = j - i + 1;
          if (n >= minN) {
            // a lone padded space-space never occurs; single-letter words give " a " etc.
            out.push(finish(h ^ (n << 24), BLOCK_CHAR));
          }
        }
      }
    }
  }
  if (extras) {
    for (const key of Object.keys(extras)) {
      const v = extras[key];
      if (v === undefined || v === null || v === '') continue;
      out.push(finish(hashString(key + '\u0001' + String(v).trim().toLowerCase(), 0x3000), BLOCK_EXTRA));
    }
  }
  return { hashes: out, lang: a.lang };
}

/** Open-addressing hash table from a 32-bit feature hash to a column index (key and value interleaved). */
export class HashIndex {
  private readonly slots: Int32Array;
  private readonly mask: number;
  private readonly shift: number;
  readonly size: number;

  constructor(hashes: Uint32Array) {
    let cap = 16;
    let bits = 4;
    while (cap < hashes.length * 2) {
      cap <<= 1;
      bits++;
    }
    this.shift = 32 - bits;
    this.mask = cap - 1;
    this.size = hashes.length;
    // slot p: [2p] = key (as int32), [2p + 1] = column + 1 (0 = empty)
    this.slots = new Int32Array(cap * 2);
    for (let i = 0; i < hashes.length; i++) {
      const k = hashes[i] | 0;
      let p = Math.imul(k, 0x9e3779b1) >>> this.shift;
      while (this.slots[2 * p + 1] !== 0) p = (p + 1) & this.mask;
      this.slots[2 * p] = k;
      this.slots[2 * p + 1] = i + 1;
    }
  }

  get(key: number): number {
    const k = key | 0;
    const slots = this.slots;
    let p = Math.imul(k, 0x9e3779b1) >>> this.shift;
    for (;;) {
      const v = slots[2 * p + 1];
      if (v === 0) return -1;
      if (slots[2 * p] === k) return v - 1;
      p = (p + 1) & this.mask;
    }
  }
}

/** A sparse row: column indices (ascending) and values. */
export interface SparseRow {
  idx: Int32Array;
  val: Float32Array;
}

/** Fitted vocabulary: column → hash, idf. */
export class Vectorizer {
  readonly index: HashIndex;
  /** Block of each column (BLOCK_WORD / BLOCK_CHAR / BLOCK_EXTRA). */
  private readonly block: Uint8Array;
  private scratchIdx = new Int32Array(1024);
  private scratchVal = new Float32Array(1024);
  // per-column stamp of the last document that used it, and its position in that document's row
  private stamp: Int32Array | null = null;
  private pos: Int32Array | null = null;
  private generation = 0;

  constructor(
    readonly options: FeatureOptions,
    readonly hashes: Uint32Array,
    readonly idf: Float32Array,
  ) {
    this.index = new HashIndex(hashes);
    this.block = new Uint8Array(hashes.length);
    for (let i = 0; i < hashes.length; i++) this.block[i] = hashes[i] & 3;
  }

  get size(): number {
    return this.hashes.length;
  }

  /** Builds the vocabulary from raw hashed documents (each document's hashes, repeats allowed). */
  static fit(docs: number[][], options: FeatureOptions): Vectorizer {
    // document frequency: each document's distinct hashes, all concatenated, sorted natively, runs counted
    let total = 0;
    for (const hs of docs) total += hs.length;
    const all = new Uint32Array(total);
    let m = 0;
    let tmp = new Uint32Array(1024);
    for (const hs of docs) {
      if (tmp.length < hs.length) tmp = new Uint32Array(hs.length * 2);
      for (let i = 0; i < hs.length; i++) tmp[i] = hs[i];
      const sorted = tmp.subarray(0, hs.length).sort();
      for (let i = 0; i < sorted.length; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) all[m++] = sorted[i];
    }
    const uniq = all.subarray(0, m).sort();
    const keepH: number[] = [];
    const keepDf: number[] = [];
    for (let i = 0; i < uniq.length; ) {
      let j = i + 1;
      while (j < uniq.length && uniq[j] === uniq[i]) j++;
      const h = uniq[i];
      // extras enter with any frequency: they are few and categorical
      if (j - i >= options.minDf || (h & 3) === BLOCK_EXTRA) {
        keepH.push(h);
        keepDf.push(j - i);
      }
      i = j;
    }
    let order = keepH.map((_, i) => i);
    if (order.length > options.maxFeatures) {
      order.sort((a, b) => keepDf[b] - keepDf[a] || keepH[a] - keepH[b]);
      order = order.slice(0, options.maxFeatures).sort((a, b) => keepH[a] - keepH[b]);
    }
    const n = docs.length;
    const hashes = new Uint32Array(order.length);
    const idf = new Float32Array(order.length);
    order.forEach((k, i) => {
      hashes[i] = keepH[k];
      idf[i] = Math.log((1 + n) / (1 + keepDf[k])) + 1;
    });
    return new Vectorizer(options, hashes, idf);
  }

  /**
   * Hashes → sparse TF-IDF row written into `idxOut` / `valOut` (unknown hashes dropped); returns its length.
   * Columns come in order of first occurrence (no sort: repeats are counted through a per-column stamp).
   * The outputs must hold `hashes.length` entries.
   */
  vectorizeInto(hashes: number[], idxOut: Int32Array, valOut: Float32Array): number {
    if (this.stamp === null) {
      this.stamp = new Int32Array(this.hashes.length);
      this.pos = new Int32Array(this.hashes.length);
    }
    const stamp = this.stamp;
    const pos = this.pos!;
    if (++this.generation >= 0x7fffffff) {
      stamp.fill(0);
      this.generation = 1;
    }
    const gen = this.generation;
    const index = this.index;
    // valOut first holds the term counts
    let m = 0;
    for (let i = 0; i < hashes.length; i++) {
      const c = index.get(hashes[i]);
      if (c < 0) continue;
      if (stamp[c] !== gen) {
        stamp[c] = gen;
        pos[c] = m;
        idxOut[m] = c;
        valOut[m++] = 1;
      } else valOut[pos[c]]++;
    }
    const o = this.options;
    const block = this.block;
    const idf = this.idf;
    let sw = 0;
    let sch = 0;
    for (let k = 0; k < m; k++) {
      const c = idxOut[k];
      const n = valOut[k];
      const v = (n === 1 ? 1 : 1 + Math.log(n)) * idf[c];
      valOut[k] = v;
      const bl = block[c];
      if (bl === BLOCK_WORD) sw += v * v;
      else if (bl === BLOCK_CHAR) sch += v * v;
    }
    const fw = sw > 0 ? o.wordWeight / Math.sqrt(sw) : 0;
    const fc = sch > 0 ? o.charWeight / Math.sqrt(sch) : 0;
    for (let k = 0; k < m; k++) {
      const bl = block[idxOut[k]];
      if (bl === BLOCK_WORD) valOut[k] *= fw;
      else if (bl === BLOCK_CHAR) valOut[k] *= fc;
      else valOut[k] = o.extraWeight;
    }
    return m;
  }

  /** Hashes → sparse TF-IDF row in arrays of its own. */
  vectorizeHashes(hashes: number[]): SparseRow {
    if (this.scratchIdx.length < hashes.length) {
      this.scratchIdx = new Int32Array(hashes.length * 2);
      this.scratchVal = new Float32Array(hashes.length * 2);
    }
    const m = this.vectorizeInto(hashes, this.scratchIdx, this.scratchVal);
    return { idx: this.scratchIdx.slice(0, m), val: this.scratchVal.slice(0, m) };
  }

  vectorize(text: string, extras?: Record<string, string>): SparseRow {
    return this.vectorizeHashes(extractHashes(text, extras, this.options, []).hashes);
  }
}

/**
 * Supervised term weighting: multiplies each column's IDF by 1 + beta · KL(p(class | feature) ‖ p(class)) / log C,
 * where p(class | feature) counts the training documents containing the feature (smoothed towards the prior
 * with `smoothing` pseudo-documents). Features concentrated in few classes get larger values, so that SGD moves
 * their weights faster and the L2 penalty costs them less.
 */
export function reweightBySupervision(
  vectorizer: Vectorizer,
  raw: number[][],
  y: Int32Array,
  C: number,
  beta: number,
  smoothing = 2,
): void {
  const F = vectorizer.size;
  const counts = new Float32Array(F * C);
  const nf = new Float64Array(F);
  const prior = new Float64Array(C);
  const seen = new Int32Array(F).fill(-1);
  for (let i = 0; i < raw.length; i++) {
    const c = y[i];
    prior[c]++;
    for (const h of raw[i]) {
      const f = vectorizer.index.get(h);
      if (f < 0 || seen[f] === i) continue;
      seen[f] = i;
      counts[f * C + c]++;
      nf[f]++;
    }
  }
  for (let c = 0; c < C; c++) prior[c] /= raw.length;
  const logC = Math.log(C);
  for (let f = 0; f < F; f++) {
    if ((vectorizer.hashes[f] & 3) === BLOCK_EXTRA) continue;
    let kl = 0;
    const den = nf[f] + smoothing;
    for (let c = 0; c < C; c++) {
      const p = (counts[f * C + c] + smoothing * prior[c]) / den;
      if (p > 0 && prior[c] > 0) kl += p * Math.log(p / prior[c]);
    }
    vectorizer.idf[f] *= 1 + (beta * kl) / logC;
  }
}
