import { openCsv } from '../shared/csv-reader';
import type { TrainingDoc } from './classifier';

export interface CsvColumns {
  text: string;
  label: string;
  extras?: string[];
  time?: string;
}

export type LabelledRow = TrainingDoc & { time?: string; rowNumber: number };

export interface LabelledCsv {
  docs: LabelledRow[];
  malformed: { row: number; reason: string }[];
  /** The header row as read. */
  columns: string[];
}

/** Raised when a requested column is not in the header; `code` lets CLIs map it to exit code 2. */
export class MissingColumnError extends Error {
  readonly code = 'MISSING_COLUMN';
  constructor(
    readonly column: string,
    readonly available: string[],
    file: string,
  ) {
    super(`Column "${column}" not found in ${file}. Available columns: ${available.join(', ')}`);
    this.name = 'MissingColumnError';
  }
}

/**
 * Streams a CSV or CSV.gz file (header row first) into labelled documents. `rowNumber` is the 1-based number
 * of the data record (the header is not counted). Rows with a wrong number of fields, unparsable quoting,
 * an empty label, or (when `time` is asked for) an empty time are reported in `malformed` and skipped. A row
 * with empty text but a label is kept (its extras may still carry information).
 */
export async function readLabelledCsv(file: string, cols: CsvColumns): Promise<LabelledCsv> {
  const docs: LabelledRow[] = [];
  const malformed: { row: number; reason: string }[] = [];
  let header: string[] | null = null;
  let ti = -1;
  let li = -1;
  let tmi = -1;
  let ei: { name: string; i: number }[] = [];
  let row = 0;

  const csv = openCsv(file);
  try {
    for await (const { fields: rec, error } of csv.records) {
      if (!header) {
        header = rec.map((h) => h.trim());
        const need = (name: string) => {
          const i = header!.indexOf(name);
          if (i < 0) throw new MissingColumnError(name, header!, file);
          return i;
        };
        ti = need(cols.text);
        li = need(cols.label);
        tmi = cols.time ? need(cols.time) : -1;
        ei = (cols.extras ?? []).filter((e) => e !== '').map((name) => ({ name, i: need(name) }));
        continue;
      }
      row++;
      if (error) {
        malformed.push({ row, reason: error });
        continue;
      }
      if (rec.length !== header.length) {
        malformed.push({ row, reason: `expected ${header.length} fields, got ${rec.length}` });
        continue;
      }
      const label = (rec[li] ?? '').trim();
      if (!label) {
        malformed.push({ row, reason: `empty label (${cols.label})` });
        continue;
      }
      const doc: LabelledRow = { text: rec[ti] ?? '', label, rowNumber: row };
      if (ei.length) {
        const extras: Record<string, string> = {};
        for (const { name, i } of ei) if (rec[i]) extras[name] = rec[i];
        doc.extras = extras;
      }
      if (tmi >= 0) {
        const t = (rec[tmi] ?? '').trim();
        if (!t) {
          malformed.push({ row, reason: `empty time (${cols.time})` });
          continue;
        }
        doc.time = t;
      }
      docs.push(doc);
    }
  } finally {
    csv.close();
  }
  if (!header) throw new Error(`${file}: empty file (no header row)`);
  return { docs, malformed, columns: header };
}
