/**
 * Text pipeline for the classifier: cleaning (HTML, masking noise), normalisation, language detection,
 * tokens, stems and stopwords for Russian, Kazakh and English.
 *
 * natural is imported by deep path only (its root module loads ~1,270 modules and runs dotenv).
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const porterRu: { stem(token: string): string } = require('natural/lib/natural/stemmers/porter_stemmer_ru');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const porterEn: { stem(token: string): string } = require('natural/lib/natural/stemmers/porter_stemmer');

export type Language = 'ru' | 'kk' | 'en';

const HTML_ENTITIES: Record<string, string> = {
  nbsp: ' ', amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", laquo: '«', raquo: '»', ndash: '–', mdash: '—',
  hellip: '…', shy: '',
};

/**
 * Removes HTML tags and entities, masked personal data ("XXXX", "ХХХ", "***"), URLs and e-mail addresses,
 * and collapses white space. Case is kept; see {@link normalize}.
 */
export function cleanText(input: string): string {
  if (!input) return '';
  let s = input;
  if (s.indexOf('<') >= 0) {
    s = s.replace(/<(script|style)\b[^>]*>[\s\S]*?<\/\1\s*>/gi, ' ');
    s = s.replace(/<!--[\s\S]*?-->/g, ' ');
    s = s.replace(/<\/?[a-zA-Z][^<>]*>/g, ' ');
  }
  if (s.indexOf('&') >= 0) {
    s = s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, ent: string) => {
      if (ent[0] === '#') {
        const code = ent[1] === 'x' || ent[1] === 'X' ? parseInt(ent.slice(2), 16) : parseInt(ent.slice(1), 10);
        return Number.isFinite(code) && code > 0 && code < 0x110000 ? String.fromCodePoint(code) : ' ';
      }
      const named = HTML_ENTITIES[ent.toLowerCase()];
      return named === undefined ? m : named;
    });
  }
  if (/http|www\./i.test(s)) s = s.replace(/\bhttps?:\/\/\S+|\bwww\.\S+/gi, ' ');
  if (s.indexOf('@') >= 0) s = s.replace(/\S+@\S+\.\w+/g, ' ');
  // Masks: runs of two or more X (Latin or Cyrillic, any case) not inside a word; runs of *.
  if (/[XxХх]{2}/.test(s)) s = s.replace(/(?<![\p{L}])[XxХх]{2,}(?![\p{L}])/gu, ' ');
  if (s.indexOf('**') >= 0) s = s.replace(/\*{2,}/g, ' ');
  s = s.replace(/\s+/g, ' ').trim();
  return s;
}

/** Lower case, ё → е, Latin look-alike "i" kept; other normalisation is done by the tokenizer. */
export function normalize(text: string): string {
  return text.toLowerCase().replace(/ё/g, 'е');
}

const KK_COMMON = new Set([
  'және', 'мен', 'бен', 'пен', 'бұл', 'осы', 'сол', 'үшін', 'жоқ', 'бар', 'емес', 'деп', 'туралы', 'бойынша',
  'ауданы', 'көшесі', 'қаласы', 'үй', 'жол', 'су', 'тұрғындар', 'өтініш', 'керек', 'қажет', 'жөндеу', 'әкімдігі',
  'бізде', 'біз', 'сіз', 'сіздер', 'ол', 'олар', 'жылы', 'кезде', 'ма', 'ме', 'ба', 'бе', 'па', 'пе', 'да', 'де',
]);
const RU_COMMON = new Set([
  'и', 'в', 'на', 'не', 'что', 'с', 'по', 'это', 'как', 'у', 'к', 'для', 'от', 'из', 'нет', 'дом', 'улица', 'просьба',
]);

function isKkLetter(c: number): boolean {
  // ә ғ қ ң ө ұ ү һ і
  return c === 0x4d9 || c === 0x493 || c === 0x49b || c === 0x4a3 || c === 0x4e9 || c === 0x4b1 || c === 0x4af ||
    c === 0x4bb || c === 0x456;
}

/**
 * Detects ru / kk / en. Kazakh: its specific letters (ә ғ қ ң ө ұ ү һ і) or its common words; English: Latin
 * letters outnumber Cyrillic ones. Anything else, including empty text, is Russian (the default language).
 */
export function detectLanguage(text: string): Language {
  let cyr = 0;
  let lat = 0;
  let kkLetters = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) {
      const l = c | 0x20;
      if (l >= 0x61 && l <= 0x7a) lat++;
    } else if (c >= 0x400 && c <= 0x4ff) {
      cyr++;
      // lower case: І (U+0406) → і (U+0456); the other Kazakh letters are even (upper) / odd (lower) pairs
      const l = c < 0x410 ? c + 0x50 : c >= 0x460 ? c | 1 : c;
      if (isKkLetter(l)) kkLetters++;
    }
  }
  if (cyr === 0 && lat === 0) return 'ru';
  if (lat > cyr) return 'en';
  if (kkLetters === 0 && cyr < 12) {
    // short texts without specific letters: only several common Kazakh words make them Kazakh
    let kk = 0;
    for (const w of normalize(text).split(/[^\p{L}]+/u)) if (KK_COMMON.has(w)) kk++;
    return kk >= 2 ? 'kk' : 'ru';
  }
  if (kkLetters === 0) return 'ru';
  let kkWords = 0;
  let ruWords = 0;
  for (const w of normalize(text).split(/[^\p{L}]+/u)) {
    if (!w) continue;
    if (KK_COMMON.has(w)) kkWords++;
    else if (RU_COMMON.has(w)) ruWords++;
  }
  // a stray "і" (Ukrainian-style typo) is not enough on its own in a long Russian text
  const score = kkLetters * 2 + kkWords * 3 - ruWords * 2;
  return score >= Math.max(2, cyr * 0.01) ? 'kk' : 'ru';
}

/** Splits normalised text into word tokens (letters and digits; inner hyphens and apostrophes split too). */
export function tokenize(normalized: string): string[] {
  return normalized.match(/[\p{L}\p{N}]+/gu) ?? [];
}

// --- stopwords (small hand-written lists; negations "не", "нет", "без" / "жоқ", "емес" / "no", "not" are kept) ---
export const STOPWORDS: Record<Language, ReadonlySet<string>> = {
  ru: new Set(
    ('а бы был была были было быть в вам вас во вот все всё вы да для до его ее её ей же за и из или им их к ' +
      'как ко когда кто ли либо мне мной мы на над наш нам нас о об он она они оно от очень по под при про с со ' +
      'так также там то тоже того только том ту у уже чем что чтобы эта эти это этот этого этой я ещё еще ' +
      'который которая которые которое которых где здесь тут вообще просто лишь сам сама сами свой свои своих ' +
      'мой моя мои меня нами вами ими тем те тех этом этих всех всем всего тогда тот та')
      .replace(/ё/g, 'е')
      .split(/\s+/),
  ),
  kk: new Set(
    ('және мен бен пен да де та те ма ме ба бе па пе ғой ғана біз сіз сіздер олар ол ол мен мені бұл осы сол ' +
      'анау мына үшін туралы деп еді екен бір әр барлық өз өзі қай қайда қашан кім не неге сондай сонда осында')
      .split(/\s+/),
  ),
  en: new Set(
    ('a an the of to in on at by for with from and or but is are was were be been being it its this that these ' +
      'those i we you he she they me us him her them my our your their as so if then there here do does did ' +
      'have has had will would can could should please')
      .split(/\s+/),
  ),
};

// --- Kazakh suffix stripper ---
// Endings by group, longest first inside each group. Stripping runs case → possessive → plural (the reverse of
// the order in which Kazakh stacks them), and a few verb endings; a stem keeps at least KK_MIN_STEM letters.
const KK_MIN_STEM = 3;
const KK_GROUPS: string[][] = [
  // case endings (ablative, locative, genitive, accusative, dative, instrumental, equative)
  [
    'ндағы', 'ндегі', 'дағы', 'дегі', 'тағы', 'тегі',
    'нан', 'нен', 'дан', 'ден', 'тан', 'тен',
    'нда', 'нде', 'да', 'де', 'та', 'те',
    'ның', 'нің', 'дың', 'дің', 'тың', 'тің',
    'ны', 'ні', 'ды', 'ді', 'ты', 'ті',
    'на', 'не', 'ға', 'ге', 'қа', 'ке',
    'мен', 'бен', 'пен',
    'ша', 'ше',
  ],
  // possessive endings
  ['ымыз', 'іміз', 'ңыз', 'ңіз', 'мыз', 'міз', 'сы', 'сі', 'ым', 'ім', 'ың', 'ің', 'м', 'ң'],
  // plural
  ['лар', 'лер', 'дар', 'дер', 'тар', 'тер'],
];
const KK_VERB = ['ған', 'ген', 'қан', 'кен', 'уда', 'уде', 'йды', 'йді', 'ады', 'еді', 'мақ', 'мек', 'у'];

const VOWELS = /[аәеиоөұүыіэюяу]/;

function stripOne(word: string, endings: string[]): string {
  for (const e of endings) {
    if (word.length - e.length >= KK_MIN_STEM && word.endsWith(e)) {
      const stem = word.slice(0, word.length - e.length);
      if (VOWELS.test(stem)) return stem;
    }
  }
  return word;
}

/** A small Kazakh stemmer: strips case, possessive and plural endings (and a few verb endings). */
export function stemKazakh(word: string): string {
  let w = word;
  if (w.length <= KK_MIN_STEM + 1) return w;
  for (const group of KK_GROUPS) w = stripOne(w, group);
  if (w === word) w = stripOne(w, KK_VERB);
  return w;
}

const STEM_CACHE_LIMIT = 300_000;
const stemCache: Record<Language, Map<string, string>> = { ru: new Map(), kk: new Map(), en: new Map() };

/** Stems one normalised token in the given language (Porter for ru and en, {@link stemKazakh} for kk). */
export function stem(token: string, lang: Language): string {
  const cache = stemCache[lang];
  const hit = cache.get(token);
  if (hit !== undefined) return hit;
  let out: string;
  if (/^\d+$/.test(token)) out = token.length > 4 ? '0000+' : '0'.repeat(token.length);
  else if (/[a-z]/.test(token) && !/[а-яәғқңөұүһі]/.test(token)) out = token.length > 2 ? porterEn.stem(token) : token;
  else if (lang === 'kk') out = stemKazakh(token);
  else out = token.length > 2 ? porterRu.stem(token) : token;
  if (cache.size >= STEM_CACHE_LIMIT) cache.clear();
  cache.set(token, out);
  return out;
}

export interface AnalyzedText {
  lang: Language;
  /** Normalised tokens, stopwords included (used for character n-grams). */
  tokens: string[];
  /** Stems of the non-stopword tokens (used for word n-grams). */
  stems: string[];
}

/** Full pipeline: clean → normalise → detect language → tokenize → stopwords → stems. */
export function analyze(text: string, lang?: Language): AnalyzedText {
  const cleaned = normalize(cleanText(text));
  const language = lang ?? detectLanguage(cleaned);
  const tokens = tokenize(cleaned);
  const stops = STOPWORDS[language];
  const stems: string[] = [];
  for (const t of tokens) {
    if (stops.has(t)) continue;
    stems.push(stem(t, language));
  }
  return { lang: language, tokens, stems };
}
