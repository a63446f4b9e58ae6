/**
 * Bulk writes through PostgreSQL COPY (text format), with a multi-row INSERT fallback for servers that do not speak
 * the COPY sub-protocol (the embedded PGlite behind its socket). Rows are encoded once, into text, and written with
 * backpressure; nothing here knows about appeals.
 */
import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

/** The smallest client we need: pg's `Client` / `PoolClient`, also the one knex hands out. */
export type PgClient = Pick<PoolClient, 'query'>;

export type CopyValue = string | number | bigint | boolean | Date | null | undefined | readonly (string | number)[] | Record<string, unknown>;

const NEEDS_ESCAPE = /[\\\t\n\r]/;

function escapeText(s: string): string {
  if (!NEEDS_ESCAPE.test(s)) return s;
  return s.replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r'));
}

function arrayLiteral(values: readonly (string | number)[]): string {
  return `{${values.map((v) => `"${String(v).replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`).join(',')}}`;
}

/** One field in COPY text format: `\N` for null, escaped text otherwise (arrays and objects as literals / JSON). */
export function copyField(v: CopyValue): string {
  if (v === null || v === undefined) return '\\N';
  if (typeof v === 'string') return escapeText(v);
  if (typeof v === 'number' || typeof v === 'bigint') return String(v);
  if (typeof v === 'boolean') return v ? 't' : 'f';
  if (v instanceof Date) return v.toISOString();
  if (Array.isArray(v)) return escapeText(arrayLiteral(v));
  return escapeText(JSON.stringify(v));
}

/**
 * Rows for one table, encoded as COPY text as they are added. `values` keeps the raw values too when the writer
 * must fall back to INSERT.
 */
export class TableRows {
  private lines: string[] = [];
  private raw: CopyValue[][] = [];
  private bytes = 0;

  constructor(
    readonly table: string,
    readonly columns: readonly string[],
    private readonly keepRaw = false,
  ) {}

  add(values: CopyValue[]): void {
    if (values.length !== this.columns.length) {
      throw new Error(`${this.table}: ${values.length} values for ${this.columns.length} columns`);
    }
    let line = '';
    for (let i = 0; i < values.length; i++) line += (i ? '\t' : '') + copyField(values[i]);
    line += '\n';
    this.lines.push(line);
    this.bytes += line.length;
    if (this.keepRaw) this.raw.push(values);
  }

  get count(): number {
    return this.lines.length;
  }

  /** Approximate size in characters (for flushing by size). */
  get size(): number {
    return this.bytes;
  }

  /** Takes the rows out (the buffer is empty afterwards). */
  take(): { text: string; raw: CopyValue[][]; count: number } {
    const out = { text: this.lines.join(''), raw: this.raw, count: this.lines.length };
    this.lines = [];
    this.raw = [];
    this.bytes = 0;
    return out;
  }
}

/** COPY `text` (already in COPY text format) into a table. */
export function copyText(client: PgClient, table: string, columns: readonly string[], text: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const stream = (client as any).query(copyFrom(`copy ${table} (${columns.join(', ')}) from stdin`)) as NodeJS.WritableStream;
    stream.on('error', reject);
    stream.on('finish', () => resolve());
    // Write in slices so a huge batch does not sit in one giant socket write.
    const SLICE = 1 << 20;
    let offset = 0;
    const pump = () => {
      while (offset < text.length) {
        const chunk = text.slice(offset, offset + SLICE);
        offset += SLICE;
        if (!stream.write(chunk)) {
          stream.once('drain', pump);
          return;
        }
      }
      stream.end();
    };
    pump();
  });
}

/** Multi-row INSERTs of at most `perStatement` rows (the fallback where COPY is unavailable). */
export async function insertRows(
  client: PgClient,
  table: string,
  columns: readonly string[],
  rows: CopyValue[][],
  perStatement = 500,
): Promise<void> {
  for (let i = 0; i < rows.length; i += perStatement) {
    const chunk = rows.slice(i, i + perStatement);
    const params: unknown[] = [];
    const tuples = chunk.map((r) => {
      const ph = r.map((v) => {
        params.push(toParam(v));
        return `$${params.length}`;
      });
      return `(${ph.join(', ')})`;
    });
    await client.query(`insert into ${table} (${columns.join(', ')}) values ${tuples.join(', ')}`, params);
  }
}

function toParam(v: CopyValue): unknown {
  if (v === undefined) return null;
  if (Array.isArray(v)) return arrayLiteral(v);
  if (v !== null && typeof v === 'object' && !(v instanceof Date)) return JSON.stringify(v);
  return v;
}

export type WriteMode = 'copy' | 'insert';

/** Writes buffered rows with COPY or INSERT (same result; COPY is several times faster). */
export async function flushRows(client: PgClient, rows: TableRows, mode: WriteMode): Promise<number> {
  if (rows.count === 0) return 0;
  const { text, raw, count } = rows.take();
  if (mode === 'copy') await copyText(client, rows.table, rows.columns, text);
  else await insertRows(client, rows.table, rows.columns, raw);
  return count;
}
