import { createReadStream } from 'node:fs';
import { createGunzip } from 'node:zlib';
import { parse } from 'csv-parse';
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

  const source = createReadStream(file);
  const input = /\.gz$/i.test(file) ? source.pipe(createGunzip()) : source;
  const parser = parse({
    bom: true,
    relax_column_count: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
    on_skip: (err) => {
      row++;
      malformed.push({ row, reason: err ? err.message : 'unparsable record' });
      return undefined;
    },
  });
  const done = new Promise<void>((resolve, reject) => {
    source.on('error', reject);
    input.on('error', (e: Error) => parser.destroy(e));
    parser.on('error', reject);
    parser.on('end', resolve);
  });
  input.pipe(parser);

  for await (const rec of parser as AsyncIterable<string[]>) {
    if (!header) {
      header = rec.map((h) => h.trim());
      const need = (name: string) => {
        const i = header!.indexOf(name);
        if (i < 0) throw new MissingColumnError(name, header!, file);
        return i;
      };
      try {
        ti = need(cols.text);
        li = need(cols.label);
        tmi = cols.time ? need(cols.time) : -1;
        ei = (cols.extras ?? []).filter((e) => e !== '').map((name) => ({ name, i: need(name) }));
      } catch (e) {
        source.destroy();
        parser.destroy();
        throw e;
      }
      continue;
    }
    row++;
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
  await done;
  if (!header) throw new Error(`${file}: empty file (no header row)`);
  return { docs, malformed, columns: header };
}
