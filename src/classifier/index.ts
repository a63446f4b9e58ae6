/**
 * Text classifier core: text pipeline, sparse TF-IDF features, softmax regression, metrics, CSV input.
 * The service stores the serialised model (see `TextClassifier.serialize`) and its metrics; this module has no
 * database or GraphQL code.
 */
export { TextClassifier, DEFAULT_TRAIN_OPTIONS } from './classifier';
export type { TrainingDoc, Prediction, TrainOptions, ModelMeta } from './classifier';
export { evaluate, crossValidate, formatPerClass, summaryJson } from './metrics';
export type { ClassifierMetrics, PerClassMetrics } from './metrics';
export { readLabelledCsv, MissingColumnError } from './csv';
export type { CsvColumns, LabelledCsv, LabelledRow } from './csv';
export { trainWithHoldout } from './train';
export type { TrainResult } from './train';
export { analyze, cleanText, normalize, detectLanguage, tokenize, stem, stemKazakh, STOPWORDS } from './text';
export type { Language, AnalyzedText } from './text';
