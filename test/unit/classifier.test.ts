import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { autoEpochs, autoRuns } from '../../src/classifier/classifier';
import { Vectorizer, extractHashes, reweightBySupervision, DEFAULT_FEATURE_OPTIONS } from '../../src/classifier/features';
import {
  MissingColumnError,
  TextClassifier,
  analyze,
  cleanText,
  crossValidate,
  detectLanguage,
  evaluate,
  readLabelledCsv,
  stemKazakh,
  type TrainingDoc,
} from '../../src/classifier';

describe('text pipeline', () => {
  it('detects Russian, Kazakh and English', () => {
    expect(detectLanguage('Во дворе не убран снег, просьба принять меры')).toBe('ru');
    expect(detectLanguage('Ауладағы жол жөнделмеген, тұрғындар шағымданады')).toBe('kk');
    expect(detectLanguage('Біздің көшеде су жоқ')).toBe('kk');
    expect(detectLanguage('ҮЙДІҢ ШАТЫРЫ АҒАДЫ')).toBe('kk');
    expect(detectLanguage('The street light is broken near the school')).toBe('en');
    expect(detectLanguage('')).toBe('ru');
    expect(detectLanguage('12345 !!!')).toBe('ru');
  });

  it('does not take one stray Kazakh letter in a long Russian text for Kazakh', () => {
    const ru = 'Во дворе дома на улице Абая давно не вывозят мусор, контейнеры переполнены, і жители жалуются';
    expect(detectLanguage(ru)).toBe('ru');
  });

  it('stems Kazakh words by stripping case, possessive and plural endings', () => {
    expect(stemKazakh('көшелерде')).toBe('көше'); // street + plural + locative
    expect(stemKazakh('үйлердің')).toBe('үйлер'); // a stem keeps at least 3 letters
    expect(stemKazakh('балалардың')).toBe('бала');
    expect(stemKazakh('мектептен')).toBe('мектеп');
    expect(stemKazakh('қаладағы')).toBe('қала');
    expect(stemKazakh('жолдар')).toBe('жол');
    expect(stemKazakh('су')).toBe('су');
  });

  it('strips HTML, entities, masks, URLs and e-mails', () => {
    const s = cleanText('<p>Прошу&nbsp;убрать <b>мусор</b></p> у дома XXXX, кв. ХХХ; пишите xxxx@mail.ru или https://x.kz/a');
    expect(s).toBe('Прошу убрать мусор у дома , кв. ; пишите или');
    expect(cleanText('Заявитель XXXX XXXX сообщает')).toBe('Заявитель сообщает');
    expect(cleanText('&lt;b&gt; &#1089;нег')).toBe('<b> снег');
  });

  it('normalises case and ё, drops stopwords but keeps negation', () => {
    const a = analyze('Ещё НЕ убран снёг во дворе');
    expect(a.lang).toBe('ru');
    expect(a.tokens).toEqual(['еще', 'не', 'убран', 'снег', 'во', 'дворе']);
    expect(a.stems).toContain('не');
    expect(a.stems).not.toContain('во');
    expect(a.stems).toContain('снег');
  });
});

const TOPICS: Record<string, { ru: string[]; kk: string[] }> = {
  snow: {
    ru: ['не убран снег', 'сосульки на крыше', 'гололед на тротуаре', 'снег во дворе лежит', 'наледь у подъезда'],
    kk: ['қар тазаланбаған', 'жолда мұз көп', 'аулада қар жатыр'],
  },
  light: {
    ru: ['не горит фонарь', 'нет освещения во дворе', 'сломан уличный светильник', 'темно на улице вечером'],
    kk: ['көшеде жарық жоқ', 'шам жанбайды', 'аулада шамдар сөнген'],
  },
  water: {
    ru: ['нет горячей воды', 'течет труба в подвале', 'ржавая вода из крана', 'прорыв водопровода'],
    kk: ['үйде су жоқ', 'ыстық су берілмейді', 'құбыр ағып жатыр'],
  },
};

function toyDocs(copies: number): TrainingDoc[] {
  const docs: TrainingDoc[] = [];
  const tails = ['', ' срочно', ' уже неделю', ' просьба помочь', ' дом XXXX', ' <br>жители'];
  for (let i = 0; i < copies; i++) {
    for (const [label, t] of Object.entries(TOPICS)) {
      for (const s of [...t.ru, ...t.kk]) docs.push({ text: s + tails[i % tails.length], label });
    }
  }
  return docs;
}

describe('TextClassifier', () => {
  const docs = toyDocs(6);
  const model = TextClassifier.train(docs, { epochs: 10, minDf: 1 });

  it('learns separable toy classes in Russian and Kazakh', () => {
    expect(model.labels).toEqual(['light', 'snow', 'water']);
    expect(model.predict('во дворе лежит снег и гололед')[0].label).toBe('snow');
    expect(model.predict('не горит фонарь у дома')[0].label).toBe('light');
    expect(model.predict('течет труба, нет воды')[0].label).toBe('water');
    expect(model.predict('көшеде шам жанбайды')[0].label).toBe('light');
    expect(model.predict('үйде ыстық су жоқ')[0].label).toBe('water');
    const m = evaluate(model, docs);
    expect(m.accuracy).toBe(1);
    expect(m.macroF1).toBe(1);
    expect(m.classes).toBe(3);
    expect(m.perClass).toHaveLength(3);
  });

  it('returns probabilities sorted, within [0, 1], summing to ≤ 1', () => {
    for (const text of ['снег', 'вода', '', 'совершенно посторонний текст', 'қар']) {
      const p = model.predict(text, undefined, 3);
      expect(p).toHaveLength(3);
      for (let i = 0; i < p.length; i++) {
        expect(p[i].probability).toBeGreaterThanOrEqual(0);
        expect(p[i].probability).toBeLessThanOrEqual(1);
        if (i > 0) expect(p[i].probability).toBeLessThanOrEqual(p[i - 1].probability);
      }
      expect(p.reduce((s, x) => s + x.probability, 0)).toBeLessThanOrEqual(1 + 1e-9);
    }
    expect(model.predict('снег', undefined, 1)).toHaveLength(1);
    expect(model.predict('снег', undefined, 99)).toHaveLength(3);
  });

  it('gives identical predictions after serialize → deserialize', () => {
    const buf = model.serialize();
    expect(Buffer.isBuffer(buf)).toBe(true);
    const loaded = TextClassifier.deserialize(buf);
    expect(loaded.labels).toEqual(model.labels);
    for (const text of ['не убран снег', 'шам жанбайды', 'ржавая вода', 'что-то другое', '']) {
      expect(loaded.predict(text, undefined, 3)).toEqual(model.predict(text, undefined, 3));
    }
    expect(loaded.serialize().equals(buf)).toBe(true);
    expect(() => TextClassifier.deserialize(Buffer.from('not a model at all'))).toThrow(/not a model/);
  });

  it('uses categorical extras', () => {
    const base: TrainingDoc[] = [];
    for (let i = 0; i < 30; i++) {
      base.push({ text: 'жалоба на состояние', label: 'yard', extras: { object: 'Двор' } });
      base.push({ text: 'жалоба на состояние', label: 'house', extras: { object: 'Дом' } });
    }
    const m = TextClassifier.train(base, { epochs: 10, minDf: 1, extraWeight: 1 });
    expect(m.predict('жалоба на состояние', { object: 'Двор' })[0].label).toBe('yard');
    expect(m.predict('жалоба на состояние', { object: 'Дом' })[0].label).toBe('house');
  });

  it('cross-validates', () => {
    const m = crossValidate(docs, 3, { epochs: 8, minDf: 1 });
    expect(m.test).toBe(docs.length);
    expect(m.accuracy).toBeGreaterThan(0.9);
    expect(m.top3).toBe(1);
  });

  it('is deterministic for a given seed, and the averaged continuations make one model of the usual shape', () => {
    const a = TextClassifier.train(docs, { minDf: 1, seed: 7 });
    const b = TextClassifier.train(docs, { minDf: 1, seed: 7 });
    // identical bytes apart from the training time
    const tail = (buf: Buffer) => buf.subarray(buf.indexOf('"trainDocs"'));
    expect(tail(a.serialize()).equals(tail(b.serialize()))).toBe(true);
    expect(a.probabilities('не горит фонарь')).toEqual(b.probabilities('не горит фонарь'));
    const single = TextClassifier.train(docs, { minDf: 1, seed: 7, runs: 1 });
    expect(single.meta.features).toBe(a.meta.features);
    expect(single.probabilities('не горит фонарь')).not.toEqual(a.probabilities('не горит фонарь'));
    expect(a.predict('не горит фонарь')[0].label).toBe('light');
    // three labels: four passes by default, stored as resolved
    expect(a.meta.options.epochs).toBe(4);
    expect(autoEpochs(15)).toBe(4);
    expect(autoEpochs(124)).toBe(3);
    expect(a.meta.options.runs).toBe(3);
    expect(autoRuns(15)).toBe(3);
    expect(autoRuns(124)).toBe(2);
  });

  it('refuses to train on fewer than two labels', () => {
    expect(() => TextClassifier.train([{ text: 'a', label: 'x' }])).toThrow(/2 labels/);
  });
});

describe('features', () => {
  const opt = { ...DEFAULT_FEATURE_OPTIONS, minDf: 1 };
  const texts = ['не горит фонарь', 'не убран снег во дворе', 'снег и гололед', 'фонарь горит уже неделю'];
  const raw = texts.map((t) => extractHashes(t, undefined, opt, []).hashes.slice());

  it('vectorises repeated terms with sublinear tf and L2-normalised blocks, the same through both entry points', () => {
    const v = Vectorizer.fit(raw, opt);
    const hashes = extractHashes('снег снег снег фонарь', undefined, opt, []).hashes;
    const row = v.vectorizeHashes(hashes);
    const idx = new Int32Array(hashes.length);
    const val = new Float32Array(hashes.length);
    const n = v.vectorizeInto(hashes, idx, val);
    expect(n).toBe(row.idx.length);
    expect(Array.from(idx.subarray(0, n))).toEqual(Array.from(row.idx));
    expect(Array.from(val.subarray(0, n))).toEqual(Array.from(row.val));
    expect(new Set(row.idx).size).toBe(row.idx.length);
    // words and characters: each block has unit norm (no extras here)
    expect(row.val.reduce((s, x) => s + x * x, 0)).toBeCloseTo(2, 5);
    // a second call reuses the per-column stamps without leaking counts
    expect(v.vectorizeHashes(hashes)).toEqual(row);
  });

  it('boosts the IDF of features concentrated in one class more than of features spread over classes', () => {
    const v = Vectorizer.fit(raw, opt);
    const before = Float32Array.from(v.idf);
    // labels: light, snow, snow, light — "фонарь" only in light, "не" once in each
    reweightBySupervision(v, raw, Int32Array.from([0, 1, 1, 0]), 2, 3);
    const col = (word: string) => v.index.get(extractHashes(word, undefined, { ...opt, charMax: 0 }, []).hashes[0]);
    const lamp = col('фонарь');
    const not = col('не');
    expect(lamp).toBeGreaterThanOrEqual(0);
    expect(not).toBeGreaterThanOrEqual(0);
    expect(v.idf[lamp] / before[lamp]).toBeGreaterThan(1.2);
    expect(v.idf[not] / before[not]).toBeCloseTo(1, 5);
  });
});

describe('readLabelledCsv', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'clf-csv-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const csv = [
    'id,text,category,district,created_at',
    '1,"Не убран снег, гололед",snow,Центр,2021-01-10',
    '2,"Многострочный\nтекст про фонарь",light,Север,2021-01-11',
    '3,too,many,fields,here,2021-01-12',
    '4,нет воды,,Юг,2021-01-13',
    '5,"течет ""труба""",water,Юг,2021-02-01',
    '6,"unterminated quote, water,Юг,2021-02-02',
  ].join('\n');

  it('reads CSV and CSV.gz, counting malformed rows', async () => {
    for (const name of ['a.csv', 'a.csv.gz']) {
      const file = join(dir, name);
      writeFileSync(file, name.endsWith('.gz') ? gzipSync(csv) : csv);
      const r = await readLabelledCsv(file, { text: 'text', label: 'category', extras: ['district'], time: 'created_at' });
      expect(r.docs.map((d) => d.label)).toEqual(['snow', 'light', 'water']);
      expect(r.docs[1].text).toBe('Многострочный\nтекст про фонарь');
      expect(r.docs[2].text).toBe('течет "труба"');
      expect(r.docs[0].extras).toEqual({ district: 'Центр' });
      expect(r.docs[0].time).toBe('2021-01-10');
      expect(r.docs.map((d) => d.rowNumber)).toEqual([1, 2, 5]);
      expect(r.malformed.length).toBe(3);
      expect(r.malformed.map((m) => m.row).slice(0, 2)).toEqual([3, 4]);
    }
  });

  it('throws a clear error naming a missing column and the available ones', async () => {
    const file = join(dir, 'b.csv');
    writeFileSync(file, csv);
    await expect(readLabelledCsv(file, { text: 'body', label: 'category' })).rejects.toThrow(MissingColumnError);
    await expect(readLabelledCsv(file, { text: 'text', label: 'category', extras: ['nope'] })).rejects.toThrow(
      /Column "nope" not found.*Available columns: id, text, category, district, created_at/,
    );
  });
});
