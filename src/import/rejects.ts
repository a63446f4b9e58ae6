/**
 * The rejects file: one CSV line per refused row, `row,reason,<the row's original fields…>`, so a person can fix
 * the rows and import the file again (rows already in are skipped by their source id). Opened on the first reject;
 * written with backpressure.
 */
import { createWriteStream, mkdirSync, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { dirname } from 'node:path';

/** One CSV field (RFC 4180): quoted when it holds a comma, quote, CR or LF; quotes doubled. */
export function csvField(v: string | number | null | undefined): string {
  if (v === null || v === undefined) return '';
  const s = String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export class RejectsWriter {
  private stream: WriteStream | null = null;
  count = 0;

  constructor(
    readonly file: string,
    private readonly header: string[],
  ) {}

  async write(row: number, reasons: string[], fields: string[]): Promise<void> {
    if (!this.stream) {
      mkdirSync(dirname(this.file), { recursive: true });
      this.stream = createWriteStream(this.file, { encoding: 'utf8' });
      this.stream.write(['row', 'reason', ...this.header].map(csvField).join(',') + '\n');
    }
    this.count++;
    const line = [row, reasons.join('; '), ...fields].map(csvField).join(',') + '\n';
    if (!this.stream.write(line)) await once(this.stream, 'drain');
  }

  async close(): Promise<void> {
    if (!this.stream) return;
    const s = this.stream;
    this.stream = null;
    await new Promise<void>((resolve, reject) => s.end((e?: Error | null) => (e ? reject(e) : resolve())));
  }
}
