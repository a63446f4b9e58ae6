/**
 * Clusters of the same problem among a region's appeals. Three kinds of link join two appeals:
 *  - near-copy: MinHash + LSH over character shingles finds texts whose estimated Jaccard similarity is at least
 *    `nearCopyThreshold`, received within `nearCopyWindowDays` of each other, anywhere in the region (campaigns,
 *    copy-paste, one letter signed by many);
 *  - same issue: within a block of one topic × one admin unit, texts received within `windowDays` of each other
 *    whose tf-idf cosine is at least `sameIssueThreshold` (the same problem in people's own words);
 *  - repeated: appeals of the same applicant on the same topic (and an appeal marked as a repeat of another).
 * Clusters are the connected components. Every step is linear in the number of appeals apart from the candidate
 * pairs, which LSH and the blocks keep few: a pair already in one component is not compared again, words common
 * to more than 5% of the texts propose no candidates, and an appeal is compared with at most 60 others for the
 * same issue (found through its rarest words first) and 40 for near-copies (those sharing the most LSH bands).
 */
import { UnionFind } from './union-find';
import { LshIndex, jaccardAtLeast, shingleHashes, minhashSignature, shingleText } from './minhash';
import { Vocabulary, bagOf, cosine, termsOf, weightsOf, type TermBag } from './text-vectors';

export interface ClusterDoc {
  id: string;
  text: string;
  /** The parent topic (null when the appeal has none yet). */
  topic: string | null;
  unit: string;
  /** Local day number (see weeks.ts). */
  day: number;
  applicants: readonly string[];
  repeatOf?: string | null;
}

export interface ClusterOptions {
  nearCopyThreshold: number;
  nearCopyWindowDays: number;
  sameIssueThreshold: number;
  windowDays: number;
  /** Texts shorter than this (after cleaning) take part in no text link. */
  minTextLength: number;
  maxTermsPerDoc: number;
  campaignSimilarity: number;
  campaignMinLength: number;
  /** Terms found in more than this share of the texts propose no same-issue candidates (they still count in the cosine). */
  commonTermShare: number;
  /** Same-issue comparisons per appeal at most (candidates through its rarest words first). */
  maxCandidates: number;
  /** Near-copy comparisons per appeal at most (the LSH candidates sharing the most bands first). */
  maxNearCopyCandidates: number;
}

export const DEFAULT_CLUSTER_OPTIONS: ClusterOptions = {
  nearCopyThreshold: 0.6,
  nearCopyWindowDays: 45,
  sameIssueThreshold: 0.4,
  windowDays: 21,
  minTextLength: 20,
  maxTermsPerDoc: 40,
  campaignSimilarity: 0.8,
  campaignMinLength: 150,
  commonTermShare: 0.05,
  maxCandidates: 60,
  maxNearCopyCandidates: 40,
};

export type ClusterKind = 'near_copy' | 'same_issue' | 'repeated';

export interface Cluster {
  /** Indexes into the input documents, in order of receipt. */
  members: number[];
  kind: ClusterKind;
  nearCopyLinks: number;
  sameIssueLinks: number;
  repeatLinks: number;
  /** Mean similarity over the text links (Jaccard for near-copies, cosine for the same issue). */
  meanSimilarity: number;
  uniqueApplicants: number;
  units: string[];
  topics: string[];
  firstDay: number;
  lastDay: number;
}

export interface PreparedCorpus {
  vocab: Vocabulary;
  bags: TermBag[];
  weights: Float32Array[];
  signatures: (Uint32Array | null)[];
}

/** Terms, tf-idf weights and signatures of every document (the costly part: ~linear in the text). */
export function prepareCorpus(docs: readonly ClusterDoc[], options: Partial<ClusterOptions> = {}): PreparedCorpus {
  const o = { ...DEFAULT_CLUSTER_OPTIONS, ...options };
  const vocab = new Vocabulary();
  const bags: TermBag[] = new Array(docs.length);
  const signatures: (Uint32Array | null)[] = new Array(docs.length);
  for (let i = 0; i < docs.length; i++) {
    const bag = bagOf(vocab, termsOf(docs[i].text), o.maxTermsPerDoc);
    bags[i] = bag;
    for (const id of bag.ids) vocab.df[id]++;
    const prepared = shingleText(docs[i].text);
    signatures[i] = prepared.length >= o.minTextLength ? minhashSignature(shingleHashes(prepared)) : null;
  }
  vocab.docs = docs.length;
  const weights = bags.map((b) => weightsOf(vocab, b));
  return { vocab, bags, weights, signatures };
}

export interface ClusteringResult {
  clusters: Cluster[];
  /**
   * Groups joined by strong near-copy links alone — estimated Jaccard ≥ `campaignSimilarity` between texts of at
   * least `campaignMinLength` characters (size ≥ 2, in order of receipt): candidate campaigns. Short formulaic
   * texts ("a pothole on my street") are alike without anyone copying anyone.
   */
  nearCopyGroups: number[][];
  corpus: PreparedCorpus;
  pairsCompared: number;
  links: { nearCopy: number; sameIssue: number; repeated: number };
  /** Milliseconds per step (for the benchmark). */
  timings: { prepare: number; nearCopy: number; sameIssue: number; repeated: number; components: number };
}

export function clusterAppeals(docs: readonly ClusterDoc[], options: Partial<ClusterOptions> = {}): ClusteringResult {
  const o = { ...DEFAULT_CLUSTER_OPTIONS, ...options };
  let mark = performance.now();
  const lap = () => {
    const now = performance.now();
    const ms = Math.round(now - mark);
    mark = now;
    return ms;
  };
  const corpus = prepareCorpus(docs, o);
  const timings = { prepare: lap(), nearCopy: 0, sameIssue: 0, repeated: 0, components: 0 };
  const n = docs.length;
  const uf = new UnionFind(n);
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => docs[a].day - docs[b].day || a - b);
  const nearCopy = new Uint32Array(n);
  const sameIssue = new Uint32Array(n);
  const repeated = new Uint32Array(n);
  const simSum = new Float64Array(n);
  const links = { nearCopy: 0, sameIssue: 0, repeated: 0 };
  let pairsCompared = 0;
  const link = (a: number, b: number, kind: 'near' | 'issue' | 'repeat', similarity: number) => {
    uf.union(a, b);
    const counter = kind === 'near' ? nearCopy : kind === 'issue' ? sameIssue : repeated;
    counter[a]++;
    counter[b]++;
    if (kind !== 'repeat') {
      simSum[a] += similarity;
      simSum[b] += similarity;
    }
    if (kind === 'near') links.nearCopy++;
    else if (kind === 'issue') links.sameIssue++;
    else links.repeated++;
  };

  // near-copies across the region
  const lsh = new LshIndex();
  const lshDoc: number[] = [];
  const strong = new UnionFind(n);
  const long = docs.map((d) => d.text.length >= o.campaignMinLength);
  for (const i of order) {
    const sig = corpus.signatures[i];
    if (!sig) continue;
    const keys = lsh.keys(sig);
    for (const c of lsh.candidatesByKeys(keys, o.maxNearCopyCandidates)) {
      const j = lshDoc[c];
      if (docs[i].day - docs[j].day > o.nearCopyWindowDays) continue;
      // short formulaic texts ("a pothole on my street") are alike all over the city: they are near-copies only
      // within one topic × district; a long text copied elsewhere is a near-copy anywhere
      if (!(long[i] && long[j]) && (docs[i].topic !== docs[j].topic || docs[i].unit !== docs[j].unit)) continue;
      // components are all that matter: a pair already joined needs no comparison (keeps dense campaigns linear)
      if (uf.same(i, j) && (!long[i] || !long[j] || strong.same(i, j))) continue;
      pairsCompared++;
      const s = jaccardAtLeast(sig, lsh.signature(c), o.nearCopyThreshold);
      if (s < 0) continue;
      link(i, j, 'near', s);
      if (s >= o.campaignSimilarity && long[i] && long[j]) strong.union(i, j);
    }
    lshDoc.push(i);
    lsh.add(sig, keys);
  }

  const nearGroups = new Map<number, number[]>();
  for (const i of order) {
    if (nearCopy[i] === 0 || !long[i]) continue;
    const r = strong.find(i);
    let g = nearGroups.get(r);
    if (!g) nearGroups.set(r, (g = []));
    g.push(i);
  }
  const nearCopyGroups = [...nearGroups.values()].filter((g) => g.length >= 2);
  timings.nearCopy = lap();

  // the same issue within topic × unit blocks, over a sliding window of days
  const blocks = new Map<string, number[]>();
  for (const i of order) {
    if (docs[i].topic == null || corpus.bags[i].ids.length === 0) continue;
    const key = `${docs[i].topic}|${docs[i].unit}`;
    let b = blocks.get(key);
    if (!b) blocks.set(key, (b = []));
    b.push(i);
  }
  // candidates come from the rarer terms only (a term in more than `commonTermShare` of the texts carries little
  // weight and would make every pair a candidate); each candidate's cosine is then computed in full
  const commonDf = Math.max(50, Math.floor(docs.length * o.commonTermShare));
  const seen = new Set<number>();
  for (const block of blocks.values()) {
    if (block.length < 2) continue;
    const postings = new Map<number, number[]>();
    for (const i of block) {
      const ids = corpus.bags[i].ids;
      const limit = docs[i].day - o.windowDays;
      seen.clear();
      // the rarest words first, and at most `maxCandidates` comparisons per appeal: work stays linear in a busy block
      const probe = Array.from(ids).filter((id) => corpus.vocab.df[id] <= commonDf);
      probe.sort((a, b) => corpus.vocab.df[a] - corpus.vocab.df[b]);
      let compared = 0;
      let scanned = 0;
      const scanLimit = o.maxCandidates * 4;
      for (const term of probe) {
        if (compared >= o.maxCandidates || scanned >= scanLimit) break;
        const list = postings.get(term);
        if (!list) continue;
        for (let p = list.length - 1; p >= 0 && compared < o.maxCandidates && scanned < scanLimit; p--) {
          const j = list[p];
          if (docs[j].day < limit) break;
          scanned++;
          if (seen.has(j)) continue;
          seen.add(j);
          if (uf.same(i, j)) continue;
          pairsCompared++;
          compared++;
          const s = cosine(ids, corpus.weights[i], corpus.bags[j].ids, corpus.weights[j]);
          // two short texts sharing one word ("a pothole …") are not yet one problem: two shared words at least
          if (s >= o.sameIssueThreshold && sharedTerms(ids, corpus.bags[j].ids) >= 2) link(i, j, 'issue', s);
        }
      }
      for (let t = 0; t < ids.length; t++) {
        if (corpus.vocab.df[ids[t]] > commonDf) continue;
        let list = postings.get(ids[t]);
        if (!list) postings.set(ids[t], (list = []));
        list.push(i);
      }
    }
  }

  timings.sameIssue = lap();
  // repeated appeals: the same applicant on the same topic, and explicit repeats
  const byApplicant = new Map<string, number>();
  const byId = new Map<string, number>();
  for (const i of order) byId.set(docs[i].id, i);
  for (const i of order) {
    const d = docs[i];
    if (d.topic != null) {
      for (const a of d.applicants) {
        const key = `${a}|${d.topic}`;
        const first = byApplicant.get(key);
        if (first === undefined) byApplicant.set(key, i);
        else link(first, i, 'repeat', 0);
      }
    }
    if (d.repeatOf) {
      const j = byId.get(d.repeatOf);
      if (j !== undefined) link(j, i, 'repeat', 0);
    }
  }

  timings.repeated = lap();
  // components
  const groups = new Map<number, number[]>();
  for (const i of order) {
    const r = uf.find(i);
    let g = groups.get(r);
    if (!g) groups.set(r, (g = []));
    g.push(i);
  }
  const clusters: Cluster[] = [];
  for (const members of groups.values()) {
    if (members.length < 2) continue;
    let near = 0;
    let issue = 0;
    let rep = 0;
    let sim = 0;
    const applicants = new Set<string>();
    const units = new Set<string>();
    const topics = new Set<string>();
    for (const i of members) {
      near += nearCopy[i];
      issue += sameIssue[i];
      rep += repeated[i];
      sim += simSum[i];
      for (const a of docs[i].applicants) applicants.add(a);
      units.add(docs[i].unit);
      if (docs[i].topic != null) topics.add(docs[i].topic!);
    }
    near /= 2;
    issue /= 2;
    rep /= 2;
    const textLinks = near + issue;
    // links are only looked for until a pair is connected, so the kind goes by members: mostly near-copies or not
    const copies = members.filter((i) => nearCopy[i] > 0).length;
    const kind: ClusterKind = textLinks === 0 ? 'repeated' : copies * 2 >= members.length ? 'near_copy' : 'same_issue';
    clusters.push({
      members,
      kind,
      nearCopyLinks: near,
      sameIssueLinks: issue,
      repeatLinks: rep,
      meanSimilarity: textLinks > 0 ? sim / 2 / textLinks : 0,
      // anonymous appeals count as one applicant each
      uniqueApplicants: applicants.size + members.filter((i) => docs[i].applicants.length === 0).length,
      units: [...units].sort(),
      topics: [...topics].sort(),
      firstDay: docs[members[0]].day,
      lastDay: docs[members[members.length - 1]].day,
    });
  }
  clusters.sort((a, b) => b.members.length - a.members.length || a.firstDay - b.firstDay);
  timings.components = lap();
  return { clusters, nearCopyGroups, corpus, pairsCompared, links, timings };
}

/** How many term ids two sorted id lists share. */
export function sharedTerms(a: Int32Array, b: Int32Array): number {
  let i = 0;
  let j = 0;
  let n = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      n++;
      i++;
      j++;
    } else if (a[i] < b[j]) i++;
    else j++;
  }
  return n;
}
