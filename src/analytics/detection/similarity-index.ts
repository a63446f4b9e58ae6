/**
 * Scoring one new appeal against everything already seen, without re-running the batch: its near-copies (LSH over
 * MinHash signatures), the same problem in other words (tf-idf cosine against the recent appeals of its topic ×
 * district block, through an inverted index) and the applicant's earlier appeals on the topic. The idf is frozen
 * from a fitted corpus (new words get the largest idf). Memory: a 64-number signature, the term ids and weights
 * of each appeal, and the block postings.
 */
import { DEFAULT_CLUSTER_OPTIONS, sharedTerms, type ClusterDoc, type ClusterOptions } from './clusters';
import { LshIndex, jaccardAtLeast, minhashSignature, shingleHashes, shingleText } from './minhash';
import { Vocabulary, bagOf, cosine, termsOf } from './text-vectors';

export interface ScoredNeighbour {
  id: string;
  similarity: number;
}

export interface AppealScore {
  nearCopies: ScoredNeighbour[];
  sameIssue: ScoredNeighbour[];
  sameApplicant: string[];
}

interface Entry {
  id: string;
  day: number;
  topic: string | null;
  unit: string;
  long: boolean;
  ids: Int32Array;
  weights: Float32Array;
}

export class SimilarityIndex {
  private readonly o: ClusterOptions;
  private readonly lsh = new LshIndex();
  private readonly lshEntries: Entry[] = [];
  private readonly blocks = new Map<string, Map<number, Entry[]>>();
  private readonly byApplicant = new Map<string, string[]>();
  private readonly maxIdf: number;

  constructor(
    private readonly vocab: Vocabulary,
    options: Partial<ClusterOptions> = {},
  ) {
    this.o = { ...DEFAULT_CLUSTER_OPTIONS, ...options };
    this.maxIdf = Math.log(vocab.docs + 1) + 1;
  }

  /** A term in more than commonTermShare of the fitted texts proposes no candidates. */
  private common(id: number): boolean {
    return id >= 0 && this.vocab.df[id] > Math.max(50, this.vocab.docs * this.o.commonTermShare);
  }

  get size(): number {
    return this.lshEntries.length;
  }

  private vector(text: string): { ids: Int32Array; weights: Float32Array } {
    const counts = new Map<number, number>();
    for (const t of termsOf(text)) {
      const id = this.vocab.lookup(t.term) ?? -1 - (hashTerm(t.term) & 0x3fffffff);
      counts.set(id, (counts.get(id) ?? 0) + 1);
    }
    let entries = [...counts.entries()];
    if (entries.length > this.o.maxTermsPerDoc) entries = entries.sort((a, b) => b[1] - a[1] || a[0] - b[0]).slice(0, this.o.maxTermsPerDoc);
    entries.sort((a, b) => a[0] - b[0]);
    const ids = Int32Array.from(entries.map((e) => e[0]));
    const weights = new Float32Array(ids.length);
    let norm = 0;
    entries.forEach(([id, tf], i) => {
      weights[i] = (1 + Math.log(tf)) * (id >= 0 ? this.vocab.idf(id) : this.maxIdf);
      norm += weights[i] * weights[i];
    });
    norm = Math.sqrt(norm);
    if (norm > 0) for (let i = 0; i < weights.length; i++) weights[i] /= norm;
    return { ids, weights };
  }

  private signature(text: string): Uint32Array | null {
    const prepared = shingleText(text);
    return prepared.length >= this.o.minTextLength ? minhashSignature(shingleHashes(prepared)) : null;
  }

  /** Scores a new appeal against the index (it is not added). */
  score(doc: ClusterDoc): AppealScore {
    return this.scorePrepared(doc, this.signature(doc.text), this.vector(doc.text));
  }

  private scorePrepared(doc: ClusterDoc, sig: Uint32Array | null, vec: { ids: Int32Array; weights: Float32Array }): AppealScore {
    const nearCopies: ScoredNeighbour[] = [];
    const long = doc.text.length >= this.o.campaignMinLength;
    if (sig) {
      for (const c of this.lsh.candidates(sig, this.o.maxNearCopyCandidates * 2)) {
        const e = this.lshEntries[c];
        if (Math.abs(doc.day - e.day) > this.o.nearCopyWindowDays) continue;
        // as in the batch: short texts are near-copies only within one topic × district
        if (!(long && e.long) && (doc.topic !== e.topic || doc.unit !== e.unit)) continue;
        const s = jaccardAtLeast(sig, this.lsh.signature(c), this.o.nearCopyThreshold);
        if (s >= 0) nearCopies.push({ id: e.id, similarity: s });
      }
    }
    const sameIssue: ScoredNeighbour[] = [];
    const postings = doc.topic == null ? undefined : this.blocks.get(`${doc.topic}|${doc.unit}`);
    if (postings) {
      // candidates through the rarer terms, then the full cosine (as in the batch clustering)
      const seen = new Set<Entry>();
      const limit = doc.day - this.o.windowDays;
      const df = (id: number) => (id >= 0 ? this.vocab.df[id] : 0);
      const probe = Array.from(vec.ids).filter((id) => !this.common(id));
      probe.sort((a, b) => df(a) - df(b));
      for (const term of probe) {
        if (seen.size >= this.o.maxCandidates * 2) break;
        const list = postings.get(term);
        if (!list) continue;
        for (let p = list.length - 1; p >= 0 && seen.size < this.o.maxCandidates * 2; p--) {
          const e = list[p];
          if (e.day < limit) break;
          if (seen.has(e)) continue;
          seen.add(e);
          const s = cosine(vec.ids, vec.weights, e.ids, e.weights);
          if (s >= this.o.sameIssueThreshold && sharedTerms(vec.ids, e.ids) >= 2) sameIssue.push({ id: e.id, similarity: s });
        }
      }
    }
    const sameApplicant: string[] = [];
    if (doc.topic != null) for (const a of doc.applicants) sameApplicant.push(...(this.byApplicant.get(`${a}|${doc.topic}`) ?? []));
    const bySimilarity = (a: ScoredNeighbour, b: ScoredNeighbour) => b.similarity - a.similarity || (a.id < b.id ? -1 : 1);
    return { nearCopies: nearCopies.sort(bySimilarity), sameIssue: sameIssue.sort(bySimilarity), sameApplicant };
  }

  /** Adds an appeal (in order of receipt) and returns its score against what came before. */
  add(doc: ClusterDoc): AppealScore {
    const sig = this.signature(doc.text);
    const vec = this.vector(doc.text);
    const score = this.scorePrepared(doc, sig, vec);
    const entry: Entry = { id: doc.id, day: doc.day, topic: doc.topic, unit: doc.unit, long: doc.text.length >= this.o.campaignMinLength, ids: vec.ids, weights: vec.weights };
    if (sig) {
      this.lsh.add(sig);
      this.lshEntries.push(entry);
    }
    if (doc.topic != null) {
      const key = `${doc.topic}|${doc.unit}`;
      let postings = this.blocks.get(key);
      if (!postings) this.blocks.set(key, (postings = new Map()));
      for (const id of vec.ids) {
        if (this.common(id)) continue;
        let list = postings.get(id);
        if (!list) postings.set(id, (list = []));
        list.push(entry);
      }
      for (const a of doc.applicants) {
        const k = `${a}|${doc.topic}`;
        const l = this.byApplicant.get(k);
        if (l) l.push(doc.id);
        else this.byApplicant.set(k, [doc.id]);
      }
    }
    return score;
  }
}

function hashTerm(term: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < term.length; i++) h = Math.imul(h ^ term.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** A vocabulary fitted on a corpus (document frequencies), for a SimilarityIndex. */
export function fitVocabulary(texts: Iterable<string>, maxTermsPerDoc = DEFAULT_CLUSTER_OPTIONS.maxTermsPerDoc): Vocabulary {
  const vocab = new Vocabulary();
  for (const text of texts) {
    const bag = bagOf(vocab, termsOf(text), maxTermsPerDoc);
    for (const id of bag.ids) vocab.df[id]++;
    vocab.docs++;
  }
  return vocab;
}
