/**
 * Near-copies: MinHash signatures over character shingles, and an LSH index that finds the pairs worth
 * comparing without comparing every pair.
 *
 * Signatures use one-permutation hashing (Li, Owen & Zhang 2012): every shingle is hashed once, the hash picks
 * one of k bins and the bin keeps its minimum; empty bins borrow from the next non-empty bin to the right
 * (rotation densification, Shrivastava & Li 2014). That is k times cheaper than k independent hash functions and
 * estimates the Jaccard similarity of the shingle sets the same way: the share of bins that agree.
 */

/** Folds Kazakh-specific letters onto their Russian look-alikes so that "Қаракемер" and "Каракемер" agree. */
const FOLD: Record<string, string> = {
  'қ': 'к', 'ә': 'а', 'ө': 'о', 'ұ': 'у', 'ү': 'у', 'ғ': 'г', 'ң': 'н', 'һ': 'х', 'і': 'и', 'ё': 'е',
};
const FOLD_RE = /[қәөұүғңһіё]/g;

export function foldLetters(lower: string): string {
  return lower.replace(FOLD_RE, (c) => FOLD[c]);
}

/** Kazakh letter → Russian look-alike, by char code (lower case). */
const FOLD_CODE = new Map<number, number>(Object.entries(FOLD).map(([k, v]) => [k.charCodeAt(0), v.charCodeAt(0)]));

const isWordCode = (c: number) =>
  (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39) || (c >= 0x430 && c <= 0x4ff) || (c >= 0xdf && c <= 0x24f && c !== 0xf7);

/** Lower case, folded, letters and digits only, single spaces (one pass over the characters). */
export function shingleText(text: string): string {
  const lower = text.toLowerCase();
  const out: number[] = [];
  let space = true;
  for (let i = 0; i < lower.length; i++) {
    let c = lower.charCodeAt(i);
    if (isWordCode(c)) {
      c = FOLD_CODE.get(c) ?? c;
      out.push(c);
      space = false;
    } else if (!space) {
      out.push(0x20);
      space = true;
    }
  }
  if (out.length && out[out.length - 1] === 0x20) out.pop();
  let s = '';
  for (let i = 0; i < out.length; i += 8192) s += String.fromCharCode(...out.slice(i, i + 8192));
  return s;
}

/** murmur3's 32-bit finaliser. */
export function mix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

export const SHINGLE = 5;
const BASE = 0x01000193;

/** Hashed character shingles of the prepared text, repeats included (a short text is one shingle): a rolling hash. */
export function shingleHashes(prepared: string, size = SHINGLE): Uint32Array {
  const n = prepared.length;
  if (n === 0) return new Uint32Array(0);
  if (n <= size) {
    let h = 0;
    for (let j = 0; j < n; j++) h = (Math.imul(h, BASE) + prepared.charCodeAt(j)) | 0;
    return Uint32Array.of(mix32(h));
  }
  let top = 1; // BASE^(size−1)
  for (let j = 1; j < size; j++) top = Math.imul(top, BASE);
  const out = new Uint32Array(n - size + 1);
  let h = 0;
  for (let j = 0; j < size; j++) h = (Math.imul(h, BASE) + prepared.charCodeAt(j)) | 0;
  out[0] = mix32(h);
  for (let i = 1; i + size <= n; i++) {
    h = (Math.imul(h - Math.imul(prepared.charCodeAt(i - 1), top), BASE) + prepared.charCodeAt(i + size - 1)) | 0;
    out[i] = mix32(h);
  }
  return out;
}

export const SIGNATURE_BINS = 64;
const BIN_BITS = 6; // 2^6 = 64 bins
const EMPTY = 0xffffffff;

/** A k = 64 one-permutation MinHash signature of a set of shingle hashes. */
export function minhashSignature(hashes: Uint32Array): Uint32Array {
  const sig = new Uint32Array(SIGNATURE_BINS).fill(EMPTY);
  for (let i = 0; i < hashes.length; i++) {
    const h = hashes[i];
    const bin = h >>> (32 - BIN_BITS);
    const v = h & 0x03ffffff;
    if (v < sig[bin]) sig[bin] = v;
  }
  // rotation densification: an empty bin takes the next non-empty bin's value (in the original signature),
  // tagged with the distance so that borrowed values only match values borrowed the same way
  const original = sig.slice();
  let any = false;
  for (let i = 0; i < SIGNATURE_BINS; i++) if (original[i] !== EMPTY) any = true;
  if (!any) return sig;
  for (let i = 0; i < SIGNATURE_BINS; i++) {
    if (original[i] !== EMPTY) continue;
    let j = i;
    let d = 0;
    do {
      j = (j + 1) % SIGNATURE_BINS;
      d++;
    } while (original[j] === EMPTY);
    sig[i] = ((d << 26) | original[j]) >>> 0;
  }
  return sig;
}

export function signatureOf(text: string): Uint32Array {
  return minhashSignature(shingleHashes(shingleText(text)));
}

/** The estimated Jaccard similarity: the share of bins that agree. */
export function estimateJaccard(a: Uint32Array, b: Uint32Array): number {
  let same = 0;
  for (let i = 0; i < SIGNATURE_BINS; i++) if (a[i] === b[i]) same++;
  return same / SIGNATURE_BINS;
}

/** The estimate when it is at least `threshold`, else −1 (stops as soon as too many bins disagree). */
export function jaccardAtLeast(a: Uint32Array, b: Uint32Array, threshold: number): number {
  const allowed = Math.floor((1 - threshold) * SIGNATURE_BINS + 1e-9);
  let differ = 0;
  for (let i = 0; i < SIGNATURE_BINS; i++) {
    if (a[i] !== b[i] && ++differ > allowed) return -1;
  }
  return (SIGNATURE_BINS - differ) / SIGNATURE_BINS;
}

/** The exact Jaccard similarity of two shingle-hash sets (for tests and calibration). */
export function exactJaccard(a: Uint32Array, b: Uint32Array): number {
  const sa = new Set(a);
  const sb = new Set(b);
  let inter = 0;
  for (const x of sa) if (sb.has(x)) inter++;
  const union = sa.size + sb.size - inter;
  return union === 0 ? 1 : inter / union;
}

/**
 * Locality-sensitive hashing over the signatures: `bands` bands of `rows` bins each. Two texts become candidates
 * when any band agrees completely: with 16 × 4 the chance is 1 − (1 − J⁴)¹⁶, ≈ 0.99 at J = 0.7 and ≈ 0.12 at
 * J = 0.3. Candidates are then checked against the signature estimate.
 */
export class LshIndex {
  private readonly buckets: Map<number, number[]>[];
  private readonly signatures: Uint32Array[] = [];
  /** Shared bands per candidate during one query (reset after it). */
  private counter = new Uint8Array(1024);

  constructor(
    readonly bands = 16,
    readonly rows = 4,
    /** A bucket keeps its latest `maxBucket` texts (a huge campaign is found through its recent members). */
    readonly maxBucket = 32,
  ) {
    if (bands * rows > SIGNATURE_BINS) throw new Error('bands × rows exceeds the signature length');
    this.buckets = Array.from({ length: bands }, () => new Map<number, number[]>());
  }

  get size(): number {
    return this.signatures.length;
  }

  signature(id: number): Uint32Array {
    return this.signatures[id];
  }

  private bandKey(sig: Uint32Array, band: number): number {
    let h = 0x9747b28c ^ band;
    for (let r = 0; r < this.rows; r++) h = mix32(h ^ sig[band * this.rows + r]);
    // 30 bits: small integers are the keys a Map hashes fastest (a collision only adds a candidate)
    return h & 0x3fffffff;
  }

  /**
   * The ids of earlier texts sharing a band with this signature; with `limit`, only the `limit` sharing the most
   * bands (the likeliest near-copies: a pair of Jaccard J shares 16·J⁴ bands on average), latest first among equals.
   */
  candidates(sig: Uint32Array, limit = Infinity): number[] {
    return this.candidatesByKeys(this.keys(sig), limit);
  }

  /** The band keys of a signature (compute once, use for candidates and add). */
  keys(sig: Uint32Array): Int32Array {
    const keys = new Int32Array(this.bands);
    for (let b = 0; b < this.bands; b++) keys[b] = this.bandKey(sig, b);
    return keys;
  }

  candidatesByKeys(keys: Int32Array, limit = Infinity): number[] {
    if (this.counter.length < this.signatures.length) {
      const grown = new Uint8Array(Math.max(1024, this.signatures.length * 2));
      grown.set(this.counter);
      this.counter = grown;
    }
    const counter = this.counter;
    const touched: number[] = [];
    for (let b = 0; b < this.bands; b++) {
      const bucket = this.buckets[b].get(keys[b]);
      if (!bucket) continue;
      // a bucket keeps its latest maxBucket ids at its end
      for (let k = Math.max(0, bucket.length - this.maxBucket); k < bucket.length; k++) {
        const id = bucket[k];
        if (counter[id]++ === 0) touched.push(id);
      }
    }
    let out = touched;
    if (touched.length > limit) {
      // those sharing the most bands: a histogram of band counts gives the cut, then one pass (no sort)
      const histogram = new Int32Array(this.bands + 1);
      for (const id of touched) histogram[counter[id]]++;
      let cut = this.bands;
      let above = histogram[cut];
      while (cut > 1 && above + histogram[cut - 1] <= limit) above += histogram[--cut];
      out = [];
      let room = limit - above;
      for (let k = touched.length - 1; k >= 0; k--) {
        const id = touched[k];
        if (counter[id] >= cut) out.push(id);
        else if (counter[id] === cut - 1 && room > 0) {
          out.push(id);
          room--;
        }
      }
    }
    for (const id of touched) counter[id] = 0;
    return out;
  }

  /** Adds a signature; returns its id (0, 1, 2… in order of addition). */
  add(sig: Uint32Array, keys: Int32Array = this.keys(sig)): number {
    const id = this.signatures.length;
    this.signatures.push(sig);
    for (let b = 0; b < this.bands; b++) {
      const bucket = this.buckets[b].get(keys[b]);
      if (!bucket) this.buckets[b].set(keys[b], [id]);
      else {
        bucket.push(id);
        // trimmed now and then, not on every add: amortised O(1)
        if (bucket.length >= 2 * this.maxBucket) bucket.splice(0, bucket.length - this.maxBucket);
      }
    }
    return id;
  }

  /** Earlier texts whose estimated Jaccard similarity is at least `threshold`, best first. */
  query(sig: Uint32Array, threshold: number, limit = Infinity): { id: number; similarity: number }[] {
    const out: { id: number; similarity: number }[] = [];
    for (const id of this.candidates(sig, limit)) {
      const s = estimateJaccard(sig, this.signatures[id]);
      if (s >= threshold) out.push({ id, similarity: s });
    }
    return out.sort((a, b) => b.similarity - a.similarity || a.id - b.id);
  }
}
