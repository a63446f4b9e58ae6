import { TextClassifier, type TrainOptions, type TrainingDoc } from './classifier';
import { evaluate, type ClassifierMetrics } from './metrics';

export interface TrainResult {
  model: TextClassifier;
  /**
   * Metrics of a model trained on the first (1 − holdoutFraction) of `docs` (in the given order, i.e. by time
   * when docs are sorted by time) and tested on the rest. Null when holdoutFraction is 0.
   */
  metrics: ClassifierMetrics | null;
  /** Training time of the final model (on all docs), seconds. */
  trainSeconds: number;
}

/**
 * Trains the final model on all `docs`; with holdoutFraction > 0 first measures honest metrics on the latest
 * share of the documents (pass them sorted by time: topics drift, a random split flatters the model).
 */
export function trainWithHoldout(
  docs: TrainingDoc[],
  options: Partial<TrainOptions> = {},
  holdoutFraction = 0.1,
): TrainResult {
  let metrics: ClassifierMetrics | null = null;
  if (holdoutFraction > 0 && docs.length >= 20) {
    const cut = Math.floor(docs.length * (1 - holdoutFraction));
    const head = docs.slice(0, cut);
    if (new Set(head.map((d) => d.label)).size >= 2) {
      const t0 = process.hrtime.bigint();
      const m = TextClassifier.train(head, options);
      const secs = Number(process.hrtime.bigint() - t0) / 1e9;
      metrics = { ...evaluate(m, docs.slice(cut)), trainSeconds: secs };
    }
  }
  const t0 = process.hrtime.bigint();
  const model = TextClassifier.train(docs, options);
  const trainSeconds = Number(process.hrtime.bigint() - t0) / 1e9;
  return { model, metrics, trainSeconds };
}
