import { TextClassifier, type TrainOptions, type TrainingDoc } from './classifier';
import { mulberry32, shuffleInPlace } from './linear';

export interface PerClassMetrics {
  label: string;
  precision: number;
  recall: number;
  f1: number;
  support: number;
}

export interface ClassifierMetrics {
  accuracy: number;
  macroF1: number;
  top3: number;
  classes: number;
  train: number;
  test: number;
  trainSeconds: number;
  docsPerSecond: number;
  perClass?: PerClassMetrics[];
}

/** Accumulates predictions; labels unknown to the model count as errors (their recall is 0). */
class Tally {
  n = 0;
  correct = 0;
  top3 = 0;
  tp = new Map<string, number>();
  predicted = new Map<string, number>();
  support = new Map<string, number>();

  add(truth: string, ranked: string[]): void {
    this.n++;
    const p = ranked[0];
    this.support.set(truth, (this.support.get(truth) ?? 0) + 1);
    this.predicted.set(p, (this.predicted.get(p) ?? 0) + 1);
    if (p === truth) {
      this.correct++;
      this.tp.set(truth, (this.tp.get(truth) ?? 0) + 1);
    }
    if (ranked.slice(0, 3).includes(truth)) this.top3++;
  }

  /**
   * Macro-F1 over the union of true and predicted labels (scikit-learn's default): a label predicted but absent
   * from the test set counts with F1 = 0.
   */
  result(classes: number, train: number, trainSeconds: number, docsPerSecond: number): ClassifierMetrics {
    const perClass: PerClassMetrics[] = [];
    const all = new Set([...this.support.keys(), ...this.predicted.keys()]);
    for (const label of all) {
      const support = this.support.get(label) ?? 0;
      const tp = this.tp.get(label) ?? 0;
      const pred = this.predicted.get(label) ?? 0;
      const precision = pred > 0 ? tp / pred : 0;
      const recall = support > 0 ? tp / support : 0;
      const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
      perClass.push({ label, precision, recall, f1, support });
    }
    perClass.sort((a, b) => b.support - a.support || a.label.localeCompare(b.label));
    const macroF1 = perClass.length ? perClass.reduce((s, c) => s + c.f1, 0) / perClass.length : 0;
    return {
      accuracy: this.n ? this.correct / this.n : 0,
      macroF1,
      top3: this.n ? this.top3 / this.n : 0,
      classes,
      train,
      test: this.n,
      trainSeconds,
      docsPerSecond,
      perClass,
    };
  }
}

function tallyModel(model: TextClassifier, test: TrainingDoc[], tally: Tally): number {
  const t0 = process.hrtime.bigint();
  const ranked = test.map((d) => model.predict(d.text, d.extras, 3).map((p) => p.label));
  const secs = Number(process.hrtime.bigint() - t0) / 1e9;
  test.forEach((d, i) => tally.add(d.label, ranked[i]));
  return secs;
}

/** Accuracy, macro-F1, top-3 and per-class figures on `test`; trainSeconds is left 0 for the caller to fill. */
export function evaluate(model: TextClassifier, test: TrainingDoc[]): ClassifierMetrics {
  const tally = new Tally();
  const secs = tallyModel(model, test, tally);
  return tally.result(model.labels.length, model.meta.trainDocs, 0, secs > 0 ? test.length / secs : 0);
}

/**
 * Stratified K-fold cross-validation (deterministic shuffle). Predictions of all folds are pooled into one
 * set of metrics; `train` is the mean training-set size and `trainSeconds` the mean training time per fold.
 */
export function crossValidate(docs: TrainingDoc[], folds: number, options: Partial<TrainOptions> = {}): ClassifierMetrics {
  const k = Math.max(2, Math.floor(folds));
  const rnd = mulberry32(options.seed ?? 12345);
  const byLabel = new Map<string, number[]>();
  docs.forEach((d, i) => {
    const a = byLabel.get(d.label);
    if (a) a.push(i);
    else byLabel.set(d.label, [i]);
  });
  const fold = new Int32Array(docs.length);
  let offset = 0;
  for (const label of [...byLabel.keys()].sort()) {
    const ids = byLabel.get(label)!;
    shuffleInPlace(ids, rnd);
    ids.forEach((id, j) => (fold[id] = (j + offset) % k));
    offset += ids.length;
  }
  const tally = new Tally();
  let trainSecs = 0;
  let predSecs = 0;
  let trainN = 0;
  const classes = new Set(docs.map((d) => d.label)).size;
  for (let f = 0; f < k; f++) {
    const train = docs.filter((_, i) => fold[i] !== f);
    const test = docs.filter((_, i) => fold[i] === f);
    const t0 = process.hrtime.bigint();
    const model = TextClassifier.train(train, options);
    trainSecs += Number(process.hrtime.bigint() - t0) / 1e9;
    trainN += train.length;
    predSecs += tallyModel(model, test, tally);
  }
  return tally.result(classes, Math.round(trainN / k), trainSecs / k, predSecs > 0 ? docs.length / predSecs : 0);
}

/** A fixed-width per-class table (precision, recall, F1, support). */
export function formatPerClass(m: ClassifierMetrics): string {
  const rows = m.perClass ?? [];
  const w = Math.min(60, Math.max(5, ...rows.map((r) => r.label.length)));
  const cut = (s: string) => (s.length > w ? s.slice(0, w - 1) + '…' : s.padEnd(w));
  const lines = [`${'label'.padEnd(w)}  precision  recall     f1  support`];
  for (const r of rows) {
    lines.push(
      `${cut(r.label)}  ${r.precision.toFixed(3).padStart(9)}  ${r.recall.toFixed(3).padStart(6)}  ${r.f1
        .toFixed(3)
        .padStart(5)}  ${String(r.support).padStart(7)}`,
    );
  }
  return lines.join('\n');
}

/** The one-line JSON summary (fixed key order, rounded). */
export function summaryJson(m: ClassifierMetrics): string {
  const r = (x: number, d = 4) => Math.round(x * 10 ** d) / 10 ** d;
  return JSON.stringify({
    accuracy: r(m.accuracy),
    macroF1: r(m.macroF1),
    top3: r(m.top3),
    classes: m.classes,
    train: m.train,
    test: m.test,
    trainSeconds: r(m.trainSeconds, 2),
    docsPerSecond: Math.round(m.docsPerSecond),
  });
}
