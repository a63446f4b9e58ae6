import { describe, expect, it } from 'vitest';
import { clusterAppeals, type ClusterDoc } from '../../src/analytics/detection/clusters';
import {
  LshIndex,
  estimateJaccard,
  exactJaccard,
  foldLetters,
  shingleHashes,
  shingleText,
  signatureOf,
} from '../../src/analytics/detection/minhash';
import { seededRandom } from '../../src/analytics/detection/negative-binomial';
import { keyTerms, termsOf } from '../../src/analytics/detection/text-vectors';

const CAMPAIGN =
  'Уважаемый аким области! Мы, жители села Каракемер Енбекшиказахского района, с 12 сентября остались без питьевой воды. ' +
  'Скважина вышла из строя, водопроводная сеть не работает. Просим срочно восстановить водоснабжение и организовать подвоз воды.';

const OTHER = [
  'На улице Абая в Талгаре третий месяц не вывозят мусор, контейнеры переполнены, просим навести порядок.',
  'Прошу оказать материальную помощь многодетной семье, муж потерял работу, дети ходят в школу.',
  'В детском саду №5 нет мест для моего сына, очередь не движется второй год.',
  'Дорога между Шелеком и Маловодным разбита, после дождей не проехать, просим включить её в план ремонта.',
  'Жамбыл ауданындағы мектепке автобус келмейді, балалар сабаққа жаяу барады.',
  'Соседи по ночам шумят и ставят машины на газоне, участковый не реагирует на вызовы.',
];

const doc = (id: string, text: string, over: Partial<ClusterDoc> = {}): ClusterDoc => ({
  id,
  text,
  topic: 'WATER',
  unit: 'enbek',
  day: 20_700,
  applicants: [`p-${id}`],
  ...over,
});

describe('near-copies: MinHash over character shingles', () => {
  it('estimates the Jaccard similarity of the shingle sets within a few hundredths', () => {
    const rand = seededRandom(5);
    const words = CAMPAIGN.split(' ');
    let err = 0;
    for (let i = 0; i < 40; i++) {
      const edited = words.map((w) => (rand() < 0.15 ? 'изменено' : w)).join(' ');
      const a = shingleHashes(shingleText(CAMPAIGN));
      const b = shingleHashes(shingleText(edited));
      err += Math.abs(exactJaccard(a, b) - estimateJaccard(signatureOf(CAMPAIGN), signatureOf(edited)));
    }
    expect(err / 40).toBeLessThan(0.07);
  });

  it('folds Kazakh letters onto Russian look-alikes, so a place name is one word in both languages', () => {
    expect(foldLetters('қаракемер')).toBe('каракемер');
    expect(foldLetters('әкімдігі')).toBe('акимдиги');
    expect(termsOf('Қаракемерде су жоқ').map((t) => t.term)).toContain(termsOf('в Каракемере нет воды').map((t) => t.term)[0]);
  });

  it('LSH proposes the copies of a letter and not the unrelated appeals', () => {
    const lsh = new LshIndex();
    const ids = OTHER.map((t) => lsh.add(signatureOf(t)));
    const copy = lsh.add(signatureOf(CAMPAIGN));
    const found = lsh.query(signatureOf(CAMPAIGN.replace('12 сентября', '14 сентября') + ' Проживаю по ул. Абая, 7.'), 0.6);
    expect(found.map((f) => f.id)).toEqual([copy]);
    expect(ids).toHaveLength(OTHER.length);
  });
});

describe('clusters of the same problem', () => {
  it('a copy-paste campaign is one near-copy cluster; unrelated appeals stay alone', () => {
    const docs = [
      ...Array.from({ length: 6 }, (_, i) => doc(`c${i}`, CAMPAIGN.replace('12 сентября', `${10 + i} сентября`), { day: 20_700 + i })),
      ...OTHER.map((t, i) => doc(`o${i}`, t, { topic: `T${i}`, day: 20_700 + i })),
    ];
    const r = clusterAppeals(docs);
    expect(r.clusters).toHaveLength(1);
    expect(r.clusters[0].kind).toBe('near_copy');
    expect(r.clusters[0].members.map((i) => docs[i].id)).toEqual(['c0', 'c1', 'c2', 'c3', 'c4', 'c5']);
    expect(r.clusters[0].uniqueApplicants).toBe(6);
  });

  it('the same problem in people’s own words is linked within one topic × district × three weeks', () => {
    const texts = [
      'В селе Каракемер нет питьевой воды уже неделю, насос на скважине сломан, воду возим канистрами.',
      'Каракемер без воды: насос на скважине не работает, воду привозят редко, канистрами не напасёшься.',
      'Сломался насос на скважине в Каракемере, питьевой воды нет, просим починить насос.',
    ];
    const docs = [
      ...texts.map((t, i) => doc(`k${i}`, t, { day: 20_700 + i * 3 })),
      // the same words in another district, or two months later, are another matter
      doc('far', 'Насос на скважине сломался, в селе Каракемер нет питьевой воды, почините насос.', { unit: 'zhambyl', day: 20_702, applicants: ['p-far'] }),
      doc('late', texts[1], { day: 20_760 }),
    ];
    // a corpus of five texts has little idf to go on: the threshold is lowered for it
    const r = clusterAppeals(docs, { sameIssueThreshold: 0.3 });
    const same = r.clusters.find((c) => c.members.some((i) => docs[i].id === 'k0'))!;
    expect(same.members.map((i) => docs[i].id).sort()).toEqual(['k0', 'k1', 'k2']);
    expect(same.kind).toBe('same_issue');
    expect(same.meanSimilarity).toBeGreaterThan(0.3);
  });

  it('repeated appeals of one applicant on one topic are linked, and count as one applicant', () => {
    const docs = [
      doc('a1', 'Прошу отремонтировать крышу дома по улице Абая, 5, течёт в трёх квартирах.', { topic: 'HOUSING', applicants: ['serik'], day: 20_600 }),
      doc('a2', 'Повторно обращаюсь: крыша так и течёт, ответ был формальный.', { topic: 'HOUSING', applicants: ['serik'], day: 20_650 }),
      doc('a3', 'Не согласен с ответом. Ремонт не начат.', { topic: 'HOUSING', applicants: ['other'], day: 20_660, repeatOf: 'a1' }),
      doc('a4', 'Прошу провести газ к дому на окраине села.', { topic: 'GAS', applicants: ['serik'], day: 20_655 }),
    ];
    const r = clusterAppeals(docs);
    expect(r.clusters).toHaveLength(1);
    const c = r.clusters[0];
    expect(c.kind).toBe('repeated');
    expect(c.members.map((i) => docs[i].id)).toEqual(['a1', 'a2', 'a3']);
    expect(c.uniqueApplicants).toBe(2);
  });

  it('key terms are the words most of a cluster shares, shown as written', () => {
    const texts = [
      'В селе Каракемер нет питьевой воды, насос сломан.',
      'Каракемер остался без воды, насос на скважине не работает.',
      'Қаракемер ауылында ауыз су жоқ, сорап бұзылды.',
      'В Каракемере нет воды третью неделю.',
    ];
    const terms = keyTerms(texts, () => 1, 3);
    expect(terms[0]).toBe('каракемер');
    expect(terms).toContain('воды');
  });
});
