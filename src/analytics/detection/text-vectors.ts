/**
 * Word vectors for "the same problem in other words": the classifier's text pipeline (clean, normalise, detect
 * the language, tokenise, drop stopwords, stem), then Kazakh letters folded onto Russian ones so a place name
 * written in either language is one term. Digits and very short tokens are dropped (house numbers, sums, IINs).
 * Weights: sublinear tf × idf, unit length; similarity is the cosine.
 */
import { STOPWORDS, cleanText, detectLanguage, normalize, stem, tokenize, type Language } from '../../classifier/text';
import { foldLetters } from './minhash';

export interface TermOccurrence {
  term: string;
  surface: string;
}

/** The terms of a text, in order, with the word each came from. */
export function termsOf(text: string, lang?: Language): TermOccurrence[] {
  const cleaned = normalize(cleanText(text));
  const language = lang ?? detectLanguage(cleaned);
  const stops = STOPWORDS[language];
  const out: TermOccurrence[] = [];
  for (const token of tokenize(cleaned)) {
    if (token.length < 3 || stops.has(token) || /\d/.test(token)) continue;
    out.push({ term: foldLetters(stem(token, language)), surface: token });
  }
  return out;
}

/** Term ids ↔ terms, and document frequencies. */
export class Vocabulary {
  private readonly ids = new Map<string, number>();
  readonly terms: string[] = [];
  df: Int32Array = new Int32Array(1024);
  docs = 0;

  id(term: string): number {
    let id = this.ids.get(term);
    if (id === undefined) {
      id = this.terms.length;
      this.ids.set(term, id);
      this.terms.push(term);
      if (id >= this.df.length) {
        const grown = new Int32Array(this.df.length * 2);
        grown.set(this.df);
        this.df = grown;
      }
    }
    return id;
  }

  lookup(term: string): number | undefined {
    return this.ids.get(term);
  }

  /** Smoothed idf: ln((N + 1) / (df + 1)) + 1. */
  idf(id: number): number {
    return Math.log((this.docs + 1) / ((id < this.df.length ? this.df[id] : 0) + 1)) + 1;
  }
}

/** A document's distinct term ids and their counts (at most `maxTerms`, the most frequent). */
export interface TermBag {
  ids: Int32Array;
  tf: Uint16Array;
}

export function bagOf(vocab: Vocabulary, terms: readonly TermOccurrence[], maxTerms = 40): TermBag {
  const counts = new Map<number, number>();
  for (const t of terms) {
    const id = vocab.id(t.term);
    counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  let entries = [...counts.entries()];
  if (entries.length > maxTerms) entries = entries.sort((a, b) => b[1] - a[1] || a[0] - b[0]).slice(0, maxTerms);
  entries.sort((a, b) => a[0] - b[0]);
  return { ids: Int32Array.from(entries.map((e) => e[0])), tf: Uint16Array.from(entries.map((e) => Math.min(65535, e[1]))) };
}

/** Unit-length tf-idf weights of a bag, parallel to bag.ids. */
export function weightsOf(vocab: Vocabulary, bag: TermBag): Float32Array {
  const w = new Float32Array(bag.ids.length);
  let norm = 0;
  for (let i = 0; i < w.length; i++) {
    w[i] = (1 + Math.log(bag.tf[i])) * vocab.idf(bag.ids[i]);
    norm += w[i] * w[i];
  }
  norm = Math.sqrt(norm);
  if (norm > 0) for (let i = 0; i < w.length; i++) w[i] /= norm;
  return w;
}

/** Cosine of two unit vectors given as sorted id arrays with weights. */
export function cosine(aIds: Int32Array, aW: Float32Array, bIds: Int32Array, bW: Float32Array): number {
  let i = 0;
  let j = 0;
  let s = 0;
  while (i < aIds.length && j < bIds.length) {
    if (aIds[i] === bIds[j]) s += aW[i++] * bW[j++];
    else if (aIds[i] < bIds[j]) i++;
    else j++;
  }
  return s;
}

/**
 * The words that characterise a group of texts: terms found in at least a quarter of them (and in two), ranked
 * by how many texts carry them × idf; each shown as its most frequent word form.
 */
export function keyTerms(texts: readonly string[], idf: (term: string) => number, k = 5): string[] {
  const docFreq = new Map<string, number>();
  const surfaces = new Map<string, Map<string, number>>();
  for (const text of texts) {
    const seen = new Set<string>();
    for (const t of termsOf(text)) {
      let s = surfaces.get(t.term);
      if (!s) surfaces.set(t.term, (s = new Map()));
      s.set(t.surface, (s.get(t.surface) ?? 0) + 1);
      if (seen.has(t.term)) continue;
      seen.add(t.term);
      docFreq.set(t.term, (docFreq.get(t.term) ?? 0) + 1);
    }
  }
  const need = Math.max(2, Math.ceil(texts.length * 0.25));
  const ranked = [...docFreq.entries()]
    .filter(([, n]) => n >= Math.min(need, texts.length))
    .map(([term, n]) => ({ term, score: n * idf(term) }))
    .sort((a, b) => b.score - a.score || (a.term < b.term ? -1 : 1));
  const out: string[] = [];
  for (const { term } of ranked) {
    const forms = [...surfaces.get(term)!.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
    const word = forms[0][0];
    if (!out.includes(word)) out.push(word);
    if (out.length >= k) break;
  }
  return out;
}
