import { parseArgs } from 'node:util';
import { DEFAULT_TRAIN_OPTIONS, type TrainOptions } from '../classifier';
import { MissingColumnError } from '../csv';

export class UsageError extends Error {}

export type ArgSpec = Record<string, { type: 'string' | 'boolean'; short?: string }>;

export function parseCli(argv: string[], spec: ArgSpec): Record<string, string | boolean | undefined> {
  try {
    const { values } = parseArgs({ args: argv, options: spec, allowPositionals: false, strict: true });
    return values as Record<string, string | boolean | undefined>;
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
}

export function splitList(v: unknown): string[] {
  return typeof v === 'string' ? v.split(',').map((s) => s.trim()).filter(Boolean) : [];
}

/** `--opt key=value,key=value` → hyperparameters (numbers only; unknown keys are a usage error). */
export function parseOptions(v: unknown): Partial<TrainOptions> {
  const out: Record<string, number> = {};
  for (const kv of splitList(v)) {
    const [k, raw] = kv.split('=');
    if (!(k in DEFAULT_TRAIN_OPTIONS)) {
      throw new UsageError(`unknown option "${k}"; known: ${Object.keys(DEFAULT_TRAIN_OPTIONS).join(', ')}`);
    }
    const n = Number(raw);
    if (raw === undefined || !Number.isFinite(n)) throw new UsageError(`option ${k} needs a number, got "${raw}"`);
    out[k] = n;
  }
  return out as Partial<TrainOptions>;
}

export function required(values: Record<string, unknown>, name: string): string {
  const v = values[name];
  if (typeof v !== 'string' || v === '') throw new UsageError(`missing --${name}`);
  return v;
}

/** Runs a CLI main: usage errors and missing columns → message + exit code 2; anything else → exit code 1. */
export function runMain(main: () => Promise<void>, usage: string): void {
  main().then(
    () => process.exit(0),
    (e: unknown) => {
      if (e instanceof UsageError) {
        process.stderr.write(`error: ${e.message}\n${usage}\n`);
        process.exit(2);
      }
      if (e instanceof MissingColumnError) {
        process.stderr.write(`error: ${e.message}\n`);
        process.exit(2);
      }
      if ((e as NodeJS.ErrnoException)?.code === 'ENOENT') {
        process.stderr.write(`error: ${(e as Error).message}\n`);
        process.exit(2);
      }
      process.stderr.write(`error: ${(e as Error)?.stack ?? String(e)}\n`);
      process.exit(1);
    },
  );
}

export function reportMalformed(file: string, malformed: { row: number; reason: string }[]): void {
  if (malformed.length === 0) return;
  const shown = malformed.slice(0, 5).map((m) => `  row ${m.row}: ${m.reason}`).join('\n');
  process.stderr.write(
    `${file}: ${malformed.length} malformed row(s) skipped\n${shown}${malformed.length > 5 ? '\n  …' : ''}\n`,
  );
}
