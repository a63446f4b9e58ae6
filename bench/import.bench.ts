/**
 * Import benchmark: the real St Petersburg file and a large synthetic one, end to end through the command line.
 *
 *   npm run -s bench:import -- [--rows 1000000] [--real FILE] [--skip-real] [--writers 2]
 *
 * Into DATABASE_URL, or a fresh database `baqylau_bench_import` on 127.0.0.1. Steps, each a separate
 * `npm run import … --json` process (so its memory is its own):
 *   1. the real file with --train-topics (a topic model is trained on the file, then every row is classified);
 *   2. the real file again (every row already in: the idempotency path);
 *   3. a synthetic file of --rows rows in the same layout (bench/lib/synthetic-csv.ts, cached in the temp folder),
 *      classified with the model from step 1.
 * Prints throughput, where the time went, CPU per appeal, and RSS over the run.
 */
import 'reflect-metadata';
import { execFile } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs, promisify } from 'node:util';
import type { ImportSummary } from '../src/import/importer';
import { DEFAULT_ADMIN_URL, describeUrl, recreateDatabase } from './lib/bench-database';
import { writeSyntheticCsv } from './lib/synthetic-csv';

const run = promisify(execFile);
const REAL = '../shared/data/appeals/spb-2020-10_2021-02.csv.gz';
const n = (x: number) => x.toLocaleString('en-US');

async function importFile(url: string, file: string, extra: string[], writers: number): Promise<{ s: ImportSummary; wall: number }> {
  const t0 = performance.now();
  const { stdout } = await run(
    'npx',
    ['tsx', 'src/import/cli.ts', '--format', 'csv', file, '--mapping', 'imports/spb-portal.json', '--rejects', join(tmpdir(), 'bench-import.rejects.csv'), '--writers', String(writers), '--json', ...extra],
    { env: { ...process.env, DATABASE_URL: url, LOG_LEVEL: 'silent' }, maxBuffer: 64 << 20 },
  );
  return { s: JSON.parse(stdout) as ImportSummary, wall: (performance.now() - t0) / 1000 };
}

function line(label: string, r: { s: ImportSummary; wall: number }) {
  const s = r.s;
  const cpu = s.cpu.microsecondsPerAppeal ? `${s.cpu.microsecondsPerAppeal} µs` : '–';
  return `| ${label} | ${n(s.rowsRead)} | ${n(s.imported)} | ${n(s.duplicates)} | ${n(s.rejected)} | ${s.seconds.import.toFixed(1)} | **${n(s.appealsPerSecond)}** | ${n(s.rowsPerSecond)} | ${r.wall.toFixed(1)} | ${s.seconds.classify.toFixed(1)} | ${s.cpu.nodeSeconds.toFixed(1)} / ${s.cpu.databaseSeconds?.toFixed(1) ?? '–'} | ${cpu} | ${s.memory.startMb} / ${s.memory.peakMb} / ${s.memory.endMb} |`;
}

async function main() {
  const { values } = parseArgs({
    options: {
      rows: { type: 'string', default: '1000000' },
      real: { type: 'string', default: REAL },
      'skip-real': { type: 'boolean', default: false },
      writers: { type: 'string', default: '2' },
    },
  });
  const rows = Number(values.rows);
  const writers = Number(values.writers);
  let url = process.env.DATABASE_URL?.trim() || null;
  if (!url) url = await recreateDatabase(DEFAULT_ADMIN_URL, 'baqylau_bench_import');
  console.log(`database ${describeUrl(url)}; writers ${writers}; load average ${(await import('node:os')).loadavg().map((x) => x.toFixed(1)).join(' ')}`);

  const results: [string, { s: ImportSummary; wall: number }][] = [];
  if (!values['skip-real']) {
    if (!existsSync(values.real!)) throw new Error(`No file ${values.real} (pass --real FILE or --skip-real)`);
    const a = await importFile(url, values.real!, ['--train-topics'], writers);
    console.log(`real file, first import: model v${a.s.classification.model?.version} trained in ${a.s.seconds.training.toFixed(1)} s on ${n(a.s.classification.model?.trainDocs ?? 0)} rows`);
    results.push(['real file (38k rows), first import, classified', a]);
    results.push(['real file again (all already in)', await importFile(url, values.real!, [], writers)]);
  }
  if (rows > 0) {
    const synthetic = join(tmpdir(), `baqylau-synthetic-${rows}.csv.gz`);
    if (!existsSync(synthetic)) {
      const g = await writeSyntheticCsv(synthetic, rows);
      console.log(`synthetic file ${synthetic}: ${n(rows)} rows, ${(statSync(synthetic).size / 1048576).toFixed(0)} MB gzip, made in ${g.seconds.toFixed(1)} s`);
    }
    results.push([`synthetic file (${n(rows)} rows), classified`, await importFile(url, synthetic, [], writers)]);
  }

  console.log('\n| run | rows | imported | already in | rejected | import s | appeals/s | rows/s | wall s (process) | classify s | CPU s import / db | CPU per appeal | RSS MB first / peak / end |');
  console.log('|---|---|---|---|---|---|---|---|---|---|---|---|---|');
  for (const [label, r] of results) console.log(line(label, r));
  for (const [label, r] of results) {
    console.log(`\n${label}: writes ${Object.entries(r.s.seconds.writeByTable).map(([t, x]) => `${t} ${x.toFixed(1)} s`).join(', ')}; text index merge ${r.s.seconds.indexMerge.toFixed(1)} s`);
    console.log(`  RSS over the run (rows → MB): ${r.s.memory.samples.map((m) => `${n(m.atRows)}→${m.rssMb}`).join(', ')}`);
  }
}

main().catch((e) => {
  console.error('bench:import failed:', e?.stderr ?? e?.stack ?? e);
  process.exit(1);
});
