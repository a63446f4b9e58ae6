/**
 * npm run -s classifier:eval -- --train FILE --test FILE --text COL --label COL [--extra COL,COL] [--opt k=v,…]
 * npm run -s classifier:eval -- --data FILE --folds K --text COL --label COL …
 * npm run -s classifier:eval -- --data FILE --split-before DATE --time-col COL --text COL --label COL …
 *
 * Prints the per-class table, then (last line) one JSON object with the summary metrics.
 */
import { TextClassifier, type TrainingDoc } from '../classifier';
import { readLabelledCsv, type LabelledRow } from '../csv';
import { crossValidate, evaluate, formatPerClass, summaryJson, type ClassifierMetrics } from '../metrics';
import { parseCli, parseOptions, reportMalformed, required, runMain, splitList, UsageError } from './common';

const USAGE = `usage:
  classifier:eval --train FILE --test FILE --text COL --label COL [--extra COL,COL] [--opt key=value,…]
  classifier:eval --data FILE --folds K --text COL --label COL [--extra COL,COL] [--opt key=value,…]
  classifier:eval --data FILE --split-before DATE --time-col COL --text COL --label COL [--extra COL,COL]`;

function timeValue(s: string): number {
  const t = Date.parse(s);
  return Number.isFinite(t) ? t : NaN;
}

export async function evalCli(argv: string[]): Promise<ClassifierMetrics> {
  const a = parseCli(argv, {
    train: { type: 'string' },
    test: { type: 'string' },
    data: { type: 'string' },
    folds: { type: 'string' },
    'split-before': { type: 'string' },
    'time-col': { type: 'string' },
    text: { type: 'string' },
    label: { type: 'string' },
    extra: { type: 'string' },
    opt: { type: 'string' },
    quiet: { type: 'boolean' },
  });
  const cols = { text: required(a, 'text'), label: required(a, 'label'), extras: splitList(a.extra) };
  const options = parseOptions(a.opt);
  let metrics: ClassifierMetrics;
  let malformedTotal = 0;
  const load = async (file: string, time?: string) => {
    const r = await readLabelledCsv(file, { ...cols, time });
    reportMalformed(file, r.malformed);
    malformedTotal += r.malformed.length;
    return r.docs;
  };
  const trainAndEval = (train: TrainingDoc[], test: TrainingDoc[]) => {
    if (train.length === 0 || test.length === 0) {
      throw new UsageError(`empty split: ${train.length} training and ${test.length} test documents`);
    }
    const t0 = process.hrtime.bigint();
    const model = TextClassifier.train(train, options);
    const trainSeconds = Number(process.hrtime.bigint() - t0) / 1e9;
    return { ...evaluate(model, test), trainSeconds };
  };

  if (typeof a.train === 'string' || typeof a.test === 'string') {
    const train = await load(required(a, 'train'));
    const test = await load(required(a, 'test'));
    metrics = trainAndEval(train, test);
  } else if (typeof a.data === 'string' && typeof a.folds === 'string') {
    const k = Number(a.folds);
    if (!Number.isInteger(k) || k < 2) throw new UsageError('--folds must be an integer ≥ 2');
    metrics = crossValidate(await load(a.data), k, options);
  } else if (typeof a.data === 'string' && typeof a['split-before'] === 'string') {
    const timeCol = required(a, 'time-col');
    const cutoff = timeValue(a['split-before']);
    if (!Number.isFinite(cutoff)) throw new UsageError(`--split-before: not a date: ${a['split-before']}`);
    const docs = await load(a.data, timeCol);
    const train: LabelledRow[] = [];
    const test: LabelledRow[] = [];
    let badTime = 0;
    for (const d of docs) {
      const t = timeValue(d.time!);
      if (!Number.isFinite(t)) badTime++;
      else (t < cutoff ? train : test).push(d);
    }
    if (badTime) process.stderr.write(`${a.data}: ${badTime} row(s) with an unparsable ${timeCol} skipped\n`);
    malformedTotal += badTime;
    metrics = trainAndEval(train, test);
  } else {
    throw new UsageError('give --train and --test, or --data with --folds or --split-before');
  }
  if (!a.quiet) {
    console.log(formatPerClass(metrics));
    console.log(
      `malformed rows: ${malformedTotal}; train ${metrics.train}, test ${metrics.test}, classes ${metrics.classes}`,
    );
  }
  console.log(summaryJson(metrics));
  return metrics;
}

if (require.main === module) runMain(() => evalCli(process.argv.slice(2)).then(() => undefined), USAGE);
