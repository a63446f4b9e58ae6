/**
 * A synthetic export in the column layout of the St Petersburg portal file, so that imports/spb-portal.json maps it
 * unchanged, at any size (1M rows by default). Texts, summaries, answers, topics and executors come from the demo
 * generator's stories (written for this project); districts are the portal's 18, weighted like a city; statuses
 * follow the portal's vocabulary with a realistic mix (most closed, some answered, some still in work); about 3 % of
 * the rows are too short to register, so the rejects path is exercised at scale. Streamed through gzip: memory stays
 * flat however many rows.
 */
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { createGzip } from 'node:zlib';
import { generateDemoWorld } from '../../seeds/demo/generator';
import { loadTopics } from '../../seeds/topics';

const HEADER = [
  'id', 'district', 'municipality', 'latitude', 'longitude', 'address', 'city_object', 'category_id', 'category', 'reason_id', 'reason',
  'created_at', 'text', 'n_user_messages', 'status_timeline', 'final_status', 'first_answer_at', 'n_answers', 'answer_author', 'executor_org',
  'answer_text',
];

const DISTRICTS: [string, number][] = [
  ['Невский', 13], ['Выборгский', 11], ['Калининский', 10], ['Центральный', 9], ['Московский', 7], ['Кировский', 7], ['Приморский', 6],
  ['Красносельский', 6], ['Красногвардейский', 5], ['Адмиралтейский', 5], ['Пушкинский', 5], ['Фрунзенский', 4], ['Василеостровский', 4],
  ['Петроградский', 3], ['Колпинский', 2], ['Петродворцовый', 2], ['Курортный', 1], ['Кронштадтский', 0.4],
];
const OBJECTS = ['Дом', 'Двор', 'Улица', 'Парк', 'Остановка', 'Школа', 'Поликлиника', 'Дорога'];
const FINAL: [string, number][] = [
  ['Завершено: Пользователь удовлетворен решением проблемы', 44],
  ['Завершено: Автоматически', 37],
  ['Промежуточный ответ', 12],
  ['Получен ответ', 5],
  ['Рассмотрение', 1.5],
  ['Модерация', 0.5],
];
const SHORT = ['Спасибо!', 'Помогите', 'Срочно!!', 'См. фото'];

class Rng {
  private s: number;
  constructor(seed: number) {
    this.s = seed >>> 0;
  }
  next(): number {
    this.s = (this.s + 0x6d2b79f5) | 0;
    let t = this.s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  weighted<T>(xs: [T, number][]): T {
    let total = 0;
    for (const [, w] of xs) total += w;
    let x = this.next() * total;
    for (const [v, w] of xs) if ((x -= w) < 0) return v;
    return xs[xs.length - 1][0];
  }
}

const field = (s: string) => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
const moscow = (ms: number) => new Date(ms + 3 * 3600_000).toISOString().slice(0, 19); // local time, no offset

export async function writeSyntheticCsv(path: string, rows: number, seed = 11): Promise<{ rows: number; seconds: number }> {
  const started = performance.now();
  const rng = new Rng(seed);
  const world = generateDemoWorld({ appeals: 4000, seed });
  const orgName = new Map(world.organizations.map((o) => [o.key, o.nameRu]));
  const tops = loadTopics().filter((t) => !t.parentCode);
  const catId = new Map(tops.map((t, i) => [t.code, String(i + 1)]));
  const catName = new Map(tops.map((t) => [t.code, t.nameRu]));
  const stories = world.appeals.map((a) => {
    const top = a.topicCode.split('.')[0];
    const assign = a.steps.find((s) => s.action === 'assign') as { orgKey: string } | undefined;
    const respond = a.steps.find((s) => s.action === 'respond') as { text: string } | undefined;
    return {
      text: a.text,
      reason: a.summary,
      category: catId.get(top) ?? '0',
      categoryName: catName.get(top) ?? top,
      executor: assign ? orgName.get(assign.orgKey) ?? '' : '',
      answer: respond?.text ?? '',
    };
  });

  const gz = createGzip({ level: 1 });
  const out = createWriteStream(path);
  gz.pipe(out);
  const closed = once(out, 'close');
  const from = Date.parse('2024-01-01T06:00:00Z');
  const span = Date.parse('2026-10-31T18:00:00Z') - from;
  let buf = HEADER.join(',') + '\n';
  for (let i = 0; i < rows; i++) {
    const st = stories[rng.int(stories.length)];
    const t0 = from + Math.floor(rng.next() * span);
    const fin = rng.weighted(FINAL);
    const tl = [`${moscow(t0)}=Модерация`];
    const review = t0 + (2 + rng.int(20)) * 3600_000;
    const answered = review + (1 + rng.int(9 * 24)) * 3600_000;
    if (fin !== 'Модерация') tl.push(`${moscow(review)}=Рассмотрение`);
    const hasAnswer = fin !== 'Модерация' && fin !== 'Рассмотрение';
    if (hasAnswer) tl.push(`${moscow(answered)}=${fin === 'Промежуточный ответ' ? 'Промежуточный ответ' : 'Получен ответ'}`);
    if (fin.startsWith('Завершено')) tl.push(`${moscow(answered + (1 + rng.int(20 * 24)) * 3600_000)}=${fin}`);
    const text = rng.next() < 0.03 ? SHORT[rng.int(SHORT.length)] : st.text;
    const rec = [
      `S${1_000_000_000 + i}`, rng.weighted(DISTRICTS), '', '', '', '', OBJECTS[rng.int(OBJECTS.length)], st.category, st.categoryName, '', st.reason,
      `${moscow(t0)}.${String(rng.int(1_000_000)).padStart(6, '0')}`, text, '1', tl.join('|'), fin, hasAnswer ? moscow(answered) : '',
      hasAnswer ? '1' : '0', hasAnswer ? st.executor : '', st.executor, hasAnswer ? st.answer : '',
    ];
    buf += rec.map(field).join(',') + '\n';
    if (buf.length > 1 << 20) {
      if (!gz.write(buf)) await once(gz, 'drain');
      buf = '';
    }
  }
  gz.end(buf);
  await closed;
  return { rows, seconds: (performance.now() - started) / 1000 };
}
