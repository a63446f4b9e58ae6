/**
 * npm run -s classifier:train -- --data FILE --text COL --label COL [--extra COL,COL] [--out FILE]
 *   [--time-col COL] [--holdout 0.1] [--opt key=value,…]
 *
 * Trains on all rows and writes the serialised model (default .data/classifier-model.bin). Before that, unless
 * --holdout 0, it measures metrics on the latest share of the rows (sorted by --time-col when given, else in
 * file order) with a model trained on the rest.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { TextClassifier, TrainOptions } from '../classifier';
import { readLabelledCsv } from '../csv';
import { summaryJson, type ClassifierMetrics } from '../metrics';
import { trainWithHoldout } from '../train';
import { parseCli, parseOptions, reportMalformed, required, runMain, splitList, UsageError } from './common';

const USAGE = `usage: classifier:train --data FILE --text COL --label COL [--extra COL,COL] [--out FILE]
       [--time-col COL] [--holdout FRACTION] [--opt key=value,…]`;

export const DEFAULT_MODEL_PATH = '.data/classifier-model.bin';

export interface TrainFromCsvArgs {
  data: string;
  text: string;
  label: string;
  extras?: string[];
  /** Sort rows by this column before the hold-out split. */
  timeCol?: string;
  /** Share of the latest rows used to measure metrics (0 = skip). Default 0.1. */
  holdout?: number;
  options?: Partial<TrainOptions>;
  /** Write the model here (omit to not write a file). */
  out?: string;
}

export interface TrainFromCsvResult {
  model: TextClassifier;
  buffer: Buffer;
  metrics: ClassifierMetrics | null;
  trainSeconds: number;
  docs: number;
  malformed: { row: number; reason: string }[];
  out?: string;
}

/** The core of the train command: read → train (with hold-out metrics) → serialise (→ write). */
export async function trainFromCsv(args: TrainFromCsvArgs): Promise<TrainFromCsvResult> {
  const { docs, malformed } = await readLabelledCsv(args.data, {
    text: args.text,
    label: args.label,
    extras: args.extras,
    time: args.timeCol,
  });
  if (args.timeCol) {
    const t = (s?: string) => (s ? Date.parse(s) : NaN);
    docs.sort((x, y) => (t(x.time) || 0) - (t(y.time) || 0) || x.rowNumber - y.rowNumber);
  }
  const { model, metrics, trainSeconds } = trainWithHoldout(docs, args.options ?? {}, args.holdout ?? 0.1);
  const buffer = model.serialize();
  let out: string | undefined;
  if (args.out) {
    out = resolve(args.out);
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, buffer);
  }
  return { model, buffer, metrics, trainSeconds, docs: docs.length, malformed, out };
}

async function main() {
  const a = parseCli(process.argv.slice(2), {
    data: { type: 'string' },
    text: { type: 'string' },
    label: { type: 'string' },
    extra: { type: 'string' },
    out: { type: 'string' },
    'time-col': { type: 'string' },
    holdout: { type: 'string' },
    opt: { type: 'string' },
  });
  const holdout = a.holdout === undefined ? 0.1 : Number(a.holdout);
  if (!Number.isFinite(holdout) || holdout < 0 || holdout >= 1) throw new UsageError('--holdout must be in [0, 1)');
  const r = await trainFromCsv({
    data: required(a, 'data'),
    text: required(a, 'text'),
    label: required(a, 'label'),
    extras: splitList(a.extra),
    timeCol: typeof a['time-col'] === 'string' ? a['time-col'] : undefined,
    holdout,
    options: parseOptions(a.opt),
    out: typeof a.out === 'string' ? a.out : DEFAULT_MODEL_PATH,
  });
  reportMalformed(required(a, 'data'), r.malformed);
  console.log(
    `trained on ${r.docs} docs, ${r.model.labels.length} labels, ${r.model.meta.features} features in ` +
      `${r.trainSeconds.toFixed(2)} s; model ${(r.buffer.length / 1e6).toFixed(1)} MB → ${r.out}`,
  );
  if (r.metrics) {
    console.log(`hold-out (latest ${Math.round(holdout * 100)}% of rows, model trained on the rest):`);
    console.log(summaryJson(r.metrics));
  }
}

if (require.main === module) runMain(main, USAGE);
