/**
 * npm run -s bench:detection -- [--appeals 1000000] [--districts 200] [--score 10000] [--spb FILE]
 *
 * Systemic-issue detection at scale, on one core, on synthetic appeals generated here (Russian and Kazakh texts
 * from templates with places, streets, numbers and free variations; background appeals over 70 weeks, copy-paste
 * campaigns and outbreaks planted in them):
 *   1. batch: the whole detection (weekly tests for every district × topic × week of the last 26 weeks, MinHash
 *      + LSH near-copies, tf-idf blocks, repeated appeals, card candidates) over all the appeals;
 *   2. streaming: a SimilarityIndex fitted on the corpus takes the appeals one by one (add = score + insert),
 *      then --score held-out appeals are scored one at a time: the latency of "a new appeal scored".
 * With --spb FILE (the shared St Petersburg appeals) the batch also runs on real texts (nothing of them is printed).
 * Ends with one JSON line.
 */
import { parseArgs } from 'node:util';
import { readLabelledCsv } from '../src/classifier/csv';
import { clusterAppeals, type ClusterDoc } from '../src/analytics/detection/clusters';
import { detectSystemicIssues } from '../src/analytics/detection/detect';
import { seededRandom } from '../src/analytics/detection/negative-binomial';
import { SimilarityIndex, fitVocabulary } from '../src/analytics/detection/similarity-index';
import { dateOfDay, localDayOf, weekOfDay } from '../src/analytics/detection/weeks';

const { values } = parseArgs({
  options: {
    appeals: { type: 'string', default: '1000000' },
    districts: { type: 'string', default: '200' },
    score: { type: 'string', default: '10000' },
    spb: { type: 'string' },
    seed: { type: 'string', default: '1' },
  },
});
const N = Number(values.appeals);
const D = Number(values.districts);
const SCORE = Number(values.score);
if (!(N >= 1000 && N <= 5_000_000) || !(D >= 2 && D <= 2000) || !(SCORE >= 100 && SCORE <= N / 2)) {
  console.error('--appeals 1000–5000000, --districts 2–2000, --score 100–appeals/2');
  process.exit(2);
}

// ───────────── synthetic appeals ─────────────
const rand = seededRandom(Number(values.seed));
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];
const VILLAGES = ['Шелек', 'Каракемер', 'Байтерек', 'Иргели', 'Белбулак', 'Акколь', 'Узынагаш', 'Талгар', 'Есик', 'Каскелен', 'Маловодное', 'Кеген', 'Жаркент', 'Сарыозек', 'Чунджа', 'Баканас', 'Карабулак', 'Текели', 'Бурундай', 'Отеген батыр'];
const STREETS = ['Абая', 'Жансугурова', 'Толе би', 'Момышулы', 'Сейфуллина', 'Ленина', 'Мира', 'Гагарина', 'Байтурсынова', 'Кунаева', 'Пушкина', 'Центральная', 'Школьная', 'Садовая'];
const OPEN = ['Здравствуйте!', 'Уважаемый аким!', 'Добрый день.', 'Прошу помочь.', '', '', 'Сәлеметсіз бе!'];
const CLOSE = ['Прошу разобраться и дать письменный ответ.', 'Просим принять меры.', 'Надеюсь на помощь.', 'Жду ответа.', '', 'Шара қолдануды сұраймыз.'];
const TOPICS: string[][] = [
  ['В {v} по улице {s} нет питьевой воды уже {n} дней.', 'Вода из крана идёт ржавая, пить её невозможно.', 'Насос на скважине в {v} сломался, водопровод не работает.', '{v} ауылында {n} күннен бері ауыз су жоқ.'],
  ['На улице {s} в {v} огромные ямы, после дождя не проехать.', 'Нет освещения на остановке у школы, вечером опасно.', 'Отменили автобус до {v}, люди не могут добраться до работы.', '{s} көшесіндегі жол бұзылған, жөндеуді сұраймыз.'],
  ['В доме по улице {s} батареи холодные, в квартире {n} градусов.', 'Котельная в {v} работает с перебоями, дети мёрзнут.', 'Просим помочь с углём на зиму, я пенсионер.'],
  ['В {v} низкое давление газа, котёл гаснет по вечерам.', 'Просим провести газ к новым домам на улице {s}.', '{v} ауылында газ қысымы төмен.'],
  ['Каждый вечер в {v} отключают свет на {n} часов.', 'Напряжение в сети {n} вольт, сгорел холодильник.', 'Столб на улице {s} наклонился, провода провисли.'],
  ['Не вывозят мусор с улицы {s} уже {n} недель.', 'Стихийная свалка у въезда в {v}, запах невыносимый.'],
  ['Мой ребёнок {n} лет стоит в очереди в детский сад в {v}.', 'В школе {v} нет учителя математики с сентября.', 'Школьный автобус в {v} не ходит, дети идут пешком.'],
  ['Прошу назначить адресную социальную помощь, семья из {n} человек.', 'Не выплачивают пособие по уходу за ребёнком {n} месяцев.'],
  ['В поликлинике {v} нет терапевта, записаться невозможно.', 'Скорая ехала в {v} {n} часа.', 'Аптека в {v} не выдаёт бесплатные лекарства.'],
  ['Соседи по улице {s} шумят по ночам, участковый не реагирует.', 'В {v} бродячие собаки нападают на детей.'],
  ['Прошу выделить земельный участок под ИЖС в {v}, очередь {n} лет.', 'Сосед захватил часть моего участка на улице {s}.'],
  ['Прошу трудоустроить, я безработный {n} месяцев.', 'Работодатель в {v} не платит зарплату {n} месяца.'],
];
const K = TOPICS.length;
const fill = (t: string) => t.replace(/\{v\}/g, pick(VILLAGES)).replace(/\{s\}/g, pick(STREETS)).replace(/\{n\}/g, String(2 + Math.floor(rand() * 40)));
const WHO = ['Я', 'Мы с соседями', 'Моя мать, пенсионерка,', 'Наша многодетная семья', 'Жители нашего дома', 'Я как председатель КСК', 'Мы, жители улицы ' + '{s},'];
const WHEN = ['уже третью неделю', 'с прошлого месяца', 'с {n} числа', 'который год', 'с начала зимы', 'после ремонта', 'с весны', 'каждый день'];
const ASK = ['обращаемся', 'вынуждены писать', 'просим вмешаться', 'жалуемся', 'пишу повторно'];
const EXTRA = [
  'Звонили в акимат, никто не отвечает.', 'Писали в eOtinish, ответ пришёл формальный.', 'Обещали решить до конца месяца, но ничего не сделано.',
  'Приходила комиссия, но ничего не изменилось.', 'У нас маленькие дети и пожилые родители.', 'Участковый и аким округа разводят руками.',
  'Фото и видео прилагаю.', 'Готовы встретиться на месте в любое время.', 'Дом №{n}, подъезд {n}.', 'Номер прошлого обращения {n}{n}{n}.',
  'Ерекше назар аударуыңызды сұраймыз.', 'Мәселе әлі шешілген жоқ.', 'Платим исправно, а услуги нет.', 'Это уже не первый случай.',
];
function background(topic: number): string {
  const parts = [pick(OPEN), `${fill(pick(WHO))} ${pick(ASK)} ${fill(pick(WHEN))}.`, fill(pick(TOPICS[topic]))];
  if (rand() < 0.6) parts.push(fill(pick(TOPICS[topic])));
  for (let k = Math.floor(rand() * 3); k > 0; k--) parts.push(fill(pick(EXTRA)));
  if (rand() < 0.3) parts.push(`Обращаюсь уже ${2 + Math.floor(rand() * 5)}-й раз, ответы формальные.`);
  parts.push(pick(CLOSE));
  // people write in their own order
  for (let i = parts.length - 2; i > 1; i--) {
    const j = 1 + Math.floor(rand() * i);
    [parts[i], parts[j]] = [parts[j], parts[i]];
  }
  return parts.filter(Boolean).join(' ');
}
const WEEKS = 70;
const START = localDayOf(new Date('2025-01-06T00:00:00+05:00'));
const districtWeight = Array.from({ length: D }, (_, d) => 1 / (1 + d * 0.05));
const sumW = districtWeight.reduce((a, b) => a + b, 0);
function drawDistrict(): number {
  let x = rand() * sumW;
  for (let d = 0; d < D; d++) if ((x -= districtWeight[d]) < 0) return d;
  return D - 1;
}
interface SynthDoc extends ClusterDoc {
  planted?: string;
}
const docs: SynthDoc[] = [];
const t0 = performance.now();
for (let i = 0; i < N; i++) {
  const topic = Math.floor(rand() * rand() * K);
  const day = START + Math.floor(rand() * WEEKS * 7);
  docs.push({ id: `a${i}`, text: background(topic), topic: `T${topic}`, unit: `D${drawDistrict()}`, day, applicants: [`p${Math.floor(rand() * N * 0.8)}`] });
}
// campaigns (one letter, many people, a fortnight) and outbreaks (one problem, one district, own words)
const campaigns = Math.max(2, Math.round(N / 50_000));
for (let c = 0; c < campaigns; c++) {
  const letter = `Уважаемый аким области! Мы, жители ${pick(VILLAGES)}, обращаемся по вопросу №${c}: ${fill(pick(TOPICS[c % K]))} ${fill(pick(TOPICS[c % K]))} Просим срочно принять меры и сообщить о сроках.`;
  const day0 = START + (40 + (c % 28)) * 7;
  const unit = `D${c % D}`;
  for (let j = 0; j < 30; j++) docs.push({ id: `c${c}-${j}`, text: letter + (j % 3 === 0 ? ` Проживаю по ул. ${pick(STREETS)}, ${j}.` : ''), topic: `T${c % K}`, unit, day: day0 + Math.floor(rand() * 14), applicants: [`cp${c}-${j}`], planted: `campaign${c}` });
}
docs.sort((a, b) => a.day - b.day);
const genSeconds = (performance.now() - t0) / 1000;
const mem = () => Math.round(process.memoryUsage().rss / 1e6);
console.log(`Generated ${docs.length.toLocaleString('en')} appeals (${D} districts × ${K} topics × ${WEEKS} weeks, ${campaigns} campaigns) in ${genSeconds.toFixed(1)} s; RSS ${mem()} MB`);

// ───────────── 1. batch detection ─────────────
const counts = new Map<string, { unit: string; topic: string; week: number; count: number }>();
for (const d of docs) {
  const week = weekOfDay(d.day);
  const key = `${d.unit}|${d.topic}|${week}`;
  const c = counts.get(key);
  if (c) c.count++;
  else counts.set(key, { unit: d.unit, topic: d.topic!, week, count: 1 });
}
const from = dateOfDay(START + (WEEKS - 26) * 7);
const to = dateOfDay(START + WEEKS * 7 - 1);
const b0 = performance.now();
const c0 = process.cpuUsage();
const result = detectSystemicIssues({
  from,
  to,
  historyStart: dateOfDay(START),
  units: Array.from({ length: D }, (_, d) => `D${d}`),
  topics: Array.from({ length: K }, (_, k) => `T${k}`),
  weeklyCounts: [...counts.values()],
  docs,
});
const batchSeconds = (performance.now() - b0) / 1000;
const cpu = (since: NodeJS.CpuUsage) => {
  const u = process.cpuUsage(since);
  return (u.user + u.system) / 1e6;
};
const batchCpuSeconds = cpu(c0);
const bySource = new Map<string, number>();
for (const c of result.candidates) {
  const key = `${c.source}${c.evidence.some((e) => e.clusterKind === 'campaign') ? '+campaign' : ''}`;
  bySource.set(key, (bySource.get(key) ?? 0) + 1);
}
const plantedFound = new Set<string>();
for (const c of result.candidates) for (const id of c.appealIds) if (id.startsWith('c')) plantedFound.add(id.split('-')[0]);
console.log(
  `Batch detection over all ${docs.length.toLocaleString('en')} appeals: ${batchSeconds.toFixed(1)} s wall, ${batchCpuSeconds.toFixed(1)} s CPU ` +
    `(${Math.round(docs.length / batchCpuSeconds).toLocaleString('en')} appeals per CPU second); ${result.testsRun.toLocaleString('en')} tests, ` +
    `${result.clustersFound.toLocaleString('en')} clusters, ${result.pairsCompared.toLocaleString('en')} pairs compared, ${result.candidates.length} card candidates; ` +
    `campaigns found ${plantedFound.size}/${campaigns}; candidates by source ${JSON.stringify(Object.fromEntries(bySource))}; RSS ${mem()} MB`,
);

// ───────────── 2. streaming: one new appeal at a time ─────────────
const held = docs.splice(docs.length - SCORE, SCORE);
const f0 = performance.now();
const vocab = fitVocabulary(docs.filter((_, i) => i % 5 === 0).map((d) => d.text));
const fitSeconds = (performance.now() - f0) / 1000;
const index = new SimilarityIndex(vocab);
const i0 = performance.now();
const ic = process.cpuUsage();
for (const d of docs) index.add(d);
const addSeconds = (performance.now() - i0) / 1000;
const addCpuSeconds = cpu(ic);
const latencies = new Float64Array(held.length);
let nearHits = 0;
for (let i = 0; i < held.length; i++) {
  const s = process.hrtime.bigint();
  const r = index.score(held[i]);
  latencies[i] = Number(process.hrtime.bigint() - s) / 1e6;
  if (r.nearCopies.length) nearHits++;
}
latencies.sort();
const q = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))];
const meanMs = latencies.reduce((a, b) => a + b, 0) / latencies.length;
console.log(
  `Streaming: vocabulary fitted on ${vocab.docs.toLocaleString('en')} texts in ${fitSeconds.toFixed(1)} s; ${index.size.toLocaleString('en')} appeals added in ` +
    `${addSeconds.toFixed(1)} s wall, ${addCpuSeconds.toFixed(1)} s CPU (${Math.round(index.size / addCpuSeconds).toLocaleString('en')}/s of CPU); scoring one new appeal: mean ${meanMs.toFixed(3)} ms, ` +
    `p50 ${q(0.5).toFixed(3)} ms, p99 ${q(0.99).toFixed(3)} ms (${nearHits} of ${held.length} had near-copies); RSS ${mem()} MB`,
);

async function finish() {
  // ───────────── optional: the real St Petersburg texts ─────────────
  let spb: Record<string, number> | null = null;
  if (values.spb) {
    const { docs: rows } = await readLabelledCsv(values.spb, { text: 'text', label: 'category', extras: ['district'], time: 'created_at' });
    const real: ClusterDoc[] = rows.map((r, i) => ({
      id: String(i),
      text: r.text,
      topic: r.label,
      unit: r.extras?.district ?? '?',
      day: localDayOf(new Date(`${r.time}+03:00`)),
      applicants: [],
    }));
    real.sort((a, b) => a.day - b.day);
    const s0 = performance.now();
    const r = clusterAppeals(real);
    const seconds = (performance.now() - s0) / 1000;
    spb = { appeals: real.length, seconds, clusters: r.clusters.length, nearCopyLinks: r.links.nearCopy, sameIssueLinks: r.links.sameIssue, largest: r.clusters[0]?.members.length ?? 0 };
    console.log(`St Petersburg (${real.length.toLocaleString('en')} real appeals): clustering ${seconds.toFixed(1)} s, ${r.clusters.length} clusters (largest ${spb.largest}), ${r.links.nearCopy} near-copy and ${r.links.sameIssue} same-issue links`);
  }

  console.log(
    JSON.stringify({
      appeals: docs.length + held.length,
      districts: D,
      topics: K,
      batchSeconds: Math.round(batchSeconds * 10) / 10,
      batchCpuSeconds: Math.round(batchCpuSeconds * 10) / 10,
      batchAppealsPerCpuSecond: Math.round((docs.length + held.length) / batchCpuSeconds),
      testsRun: result.testsRun,
      candidates: result.candidates.length,
      campaignsFound: plantedFound.size,
      campaigns,
      streamingAddPerCpuSecond: Math.round(index.size / addCpuSeconds),
      scoreMeanMs: Math.round(meanMs * 1000) / 1000,
      scoreP50Ms: Math.round(q(0.5) * 1000) / 1000,
      scoreP99Ms: Math.round(q(0.99) * 1000) / 1000,
      peakRssMb: mem(),
      spb,
    }),
  );
}

finish().catch((e) => {
  console.error(e);
  process.exit(1);
});
