/**
 * npm run -s bench:classifier -- [--data FILE] [--label category] [--extra COL,COL] [--natural-docs 16000]
 *                                [--passes 5] [--repeats 3]
 *
 * Our TextClassifier versus natural's BayesClassifier (Russian Porter stemmer) on the same data, time split
 * (train before 2021-02-01, test from it; see --split-before). Each contender runs in its own child process so
 * that its memory figures are its own. natural is capped to the first --natural-docs training documents (it is
 * slow); ours is also trained on that same subset for a like-for-like row.
 *
 * Figures: train time (median of --repeats for ours, one run for natural), classification throughput on one
 * core (docs/s, median of --passes passes over the test set; natural: over its first 2,000 test docs), model
 * size, load time (median of 5), peak RSS and retained heap, and accuracy / macro-F1 on the test set.
 */
import { fork } from 'node:child_process';
import { parseArgs } from 'node:util';
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import { TextClassifier, evaluate, readLabelledCsv, type TrainingDoc } from '../src/classifier';

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

const DEFAULT_DATA = '/work/shared/data/appeals/spb-2020-10_2021-02.csv.gz';

interface Args {
  data: string;
  label: string;
  extras: string[];
  naturalDocs: number;
  passes: number;
  repeats: number;
  splitBefore: string;
}

interface Result {
  name: string;
  trainDocs: number;
  testDocs: number;
  trainSeconds: number;
  docsPerSecond: number;
  modelBytes: number;
  loadMs: number;
  peakRssMB: number;
  heapMB: number;
  accuracy: number;
  macroF1: number;
}

function parse(argv: string[]): Args {
  const { values: v } = parseArgs({
    args: argv,
    options: {
      data: { type: 'string', default: DEFAULT_DATA },
      label: { type: 'string', default: 'category' },
      extra: { type: 'string', default: '' },
      'natural-docs': { type: 'string', default: '16000' },
      passes: { type: 'string', default: '5' },
      repeats: { type: 'string', default: '3' },
      'split-before': { type: 'string', default: '2021-02-01' },
      worker: { type: 'string' },
    },
    strict: true,
  });
  return {
    data: v.data!,
    label: v.label!,
    extras: v.extra!.split(',').filter(Boolean),
    naturalDocs: Number(v['natural-docs']),
    passes: Number(v.passes),
    repeats: Number(v.repeats),
    splitBefore: v['split-before']!,
  };
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const now = () => Number(process.hrtime.bigint()) / 1e9;
const heapMB = () => {
  gc();
  gc();
  return process.memoryUsage().heapUsed / 1e6;
};

async function load(a: Args) {
  const { docs } = await readLabelledCsv(a.data, { text: 'text', label: a.label, time: 'created_at', extras: a.extras });
  const cut = Date.parse(a.splitBefore);
  const train = docs.filter((d) => Date.parse(d.time!) < cut);
  const test = docs.filter((d) => Date.parse(d.time!) >= cut);
  return { train, test };
}

function oursRun(name: string, train: TrainingDoc[], test: TrainingDoc[], a: Args): Result {
  const heap0 = heapMB();
  const times: number[] = [];
  let model: TextClassifier | null = null;
  for (let r = 0; r < a.repeats; r++) {
    model = null;
    gc();
    const t0 = now();
    model = TextClassifier.train(train);
    times.push(now() - t0);
  }
  const m = model!;
  const heap = heapMB() - heap0;
  const buf = m.serialize();
  const loads: number[] = [];
  for (let r = 0; r < 5; r++) {
    const t0 = now();
    TextClassifier.deserialize(buf);
    loads.push((now() - t0) * 1000);
  }
  const rates: number[] = [];
  for (let p = 0; p < a.passes; p++) {
    const t0 = now();
    for (const d of test) m.predict(d.text, d.extras, 3);
    rates.push(test.length / (now() - t0));
  }
  const ev = evaluate(m, test);
  return {
    name,
    trainDocs: train.length,
    testDocs: test.length,
    trainSeconds: median(times),
    docsPerSecond: median(rates),
    modelBytes: buf.length,
    loadMs: median(loads),
    peakRssMB: process.resourceUsage().maxRSS / 1024,
    heapMB: heap,
    accuracy: ev.accuracy,
    macroF1: ev.macroF1,
  };
}

interface NaturalBayes {
  addDocument(text: string, label: string): void;
  train(): void;
  classify(text: string): string;
}

function naturalRun(train: TrainingDoc[], test: TrainingDoc[], a: Args): Result {
  // deep imports only: the package root loads ~1,270 modules and runs dotenv
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const BayesClassifier = require('natural/lib/natural/classifiers/bayes_classifier');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const stemmerRu = require('natural/lib/natural/stemmers/porter_stemmer_ru');
  const sub = train.slice(0, a.naturalDocs);
  const probe = test.slice(0, 2000);
  const heap0 = heapMB();
  const t0 = now();
  const clf: NaturalBayes = new BayesClassifier(stemmerRu);
  for (const d of sub) clf.addDocument(d.text, d.label);
  clf.train();
  const trainSeconds = now() - t0;
  const heap = heapMB() - heap0;
  const json = JSON.stringify(clf);
  const loads: number[] = [];
  for (let r = 0; r < 5; r++) {
    const t1 = now();
    BayesClassifier.restore(JSON.parse(json), stemmerRu);
    loads.push((now() - t1) * 1000);
  }
  const rates: number[] = [];
  let predicted: string[] = [];
  for (let p = 0; p < Math.min(3, a.passes); p++) {
    const t1 = now();
    predicted = probe.map((d) => clf.classify(d.text));
    rates.push(probe.length / (now() - t1));
  }
  // accuracy / macro-F1 on the probe
  const labels = new Set([...probe.map((d) => d.label), ...predicted]);
  let f1 = 0;
  for (const l of labels) {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    probe.forEach((d, i) => {
      if (predicted[i] === l && d.label === l) tp++;
      else if (predicted[i] === l) fp++;
      else if (d.label === l) fn++;
    });
    f1 += tp ? (2 * tp) / (2 * tp + fp + fn) : 0;
  }
  return {
    name: `natural Bayes (${sub.length} docs)`,
    trainDocs: sub.length,
    testDocs: probe.length,
    trainSeconds,
    docsPerSecond: median(rates),
    modelBytes: Buffer.byteLength(json),
    loadMs: median(loads),
    peakRssMB: process.resourceUsage().maxRSS / 1024,
    heapMB: heap,
    accuracy: probe.filter((d, i) => predicted[i] === d.label).length / probe.length,
    macroF1: f1 / labels.size,
  };
}

async function worker(kind: string, a: Args): Promise<Result[]> {
  const { train, test } = await load(a);
  if (kind === 'ours') return [oursRun('ours (all)', train, test, a)];
  if (kind === 'ours-sub') return [oursRun(`ours (${Math.min(a.naturalDocs, train.length)} docs)`, train.slice(0, a.naturalDocs), test, a)];
  return [naturalRun(train, test, a)];
}

function runChild(kind: string, argv: string[]): Promise<Result[]> {
  return new Promise((resolve, reject) => {
    const child = fork(__filename, [...argv, '--worker', kind], { execArgv: process.execArgv });
    let got: Result[] | null = null;
    child.on('message', (m) => (got = m as Result[]));
    child.on('error', reject);
    child.on('exit', (code) => (got ? resolve(got) : reject(new Error(`${kind} worker exited with ${code}`))));
  });
}

function table(rows: Result[], base: Result): string {
  const cols: [string, (r: Result) => string][] = [
    ['contender', (r) => r.name],
    ['train docs', (r) => String(r.trainDocs)],
    ['train s', (r) => r.trainSeconds.toFixed(2)],
    ['docs/s', (r) => Math.round(r.docsPerSecond).toLocaleString('en')],
    ['model MB', (r) => (r.modelBytes / 1e6).toFixed(2)],
    ['load ms', (r) => r.loadMs.toFixed(1)],
    ['peak RSS MB', (r) => r.peakRssMB.toFixed(0)],
    ['model heap MB', (r) => r.heapMB.toFixed(1)],
    ['accuracy', (r) => r.accuracy.toFixed(4)],
    ['macro-F1', (r) => r.macroF1.toFixed(4)],
  ];
  const ratio = (name: string, f: (r: Result) => number) =>
    rows
      .filter((r) => r !== base)
      .map((r) => `  ${r.name} / ${base.name}: ${name} ×${(f(r) / f(base)).toFixed(2)}`)
      .join('\n');
  const data = rows.map((r) => cols.map(([, f]) => f(r)));
  const w = cols.map(([h], i) => Math.max(h.length, ...data.map((d) => d[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(w[i]) : c.padStart(w[i]))).join('  ');
  return [
    line(cols.map(([h]) => h)),
    ...data.map(line),
    '',
    'ratios (ours / natural):',
    ratio('train time', (r) => r.trainSeconds),
    ratio('throughput', (r) => r.docsPerSecond),
    ratio('model size', (r) => r.modelBytes),
    ratio('load time', (r) => r.loadMs),
    ratio('peak RSS', (r) => r.peakRssMB),
  ].join('\n');
}

async function main() {
  const argv = process.argv.slice(2);
  const wi = argv.indexOf('--worker');
  if (wi >= 0) {
    const kind = argv[wi + 1];
    const a = parse(argv.filter((_, i) => i !== wi && i !== wi + 1));
    const res = await worker(kind, a);
    process.send!(res);
    return;
  }
  const a = parse(argv);
  console.log(
    `bench: ${a.data}, label ${a.label}${a.extras.length ? ` + extras ${a.extras.join(',')}` : ''}, ` +
      `train < ${a.splitBefore} ≤ test; ours: median of ${a.repeats} trainings and ${a.passes} passes`,
  );
  const rows: Result[] = [];
  for (const kind of ['ours', 'ours-sub', 'natural']) {
    process.stdout.write(`running ${kind}…\n`);
    rows.push(...(await runChild(kind, argv)));
  }
  console.log('');
  console.log(table(rows, rows[rows.length - 1]));
  console.log(JSON.stringify(rows));
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
