/**
 * npm run -s import -- --format csv FILE [--mapping FILE.json] [--region KATO] [--rejects FILE]
 *                      [--train-topics] [--no-classify] [--defer-indexes] [--batch N] [--writers N] [--write copy|insert] [--json]
 *
 * Imports appeals from a CSV or CSV.gz file into the database in DATABASE_URL (or the embedded one in .data/).
 * Exit codes: 0 done (rejected rows are listed in the rejects file and counted), 1 failed, 2 bad usage or mapping.
 */
import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { existsSync } from 'node:fs';
import { WorkingCalendar } from '../calendar/working-calendar';
import { ConfigError, loadConfig } from '../config';
import { openDatabase } from '../db/database';
import { seedReferenceData } from '../seed/reference-data';
import { runImport, type ImportSummary } from './importer';
import { loadMapping, MappingError } from './mapping';
import { createProgressReporter } from './progress';
import { ImportSetupError } from './references';
import { systemClock } from '../shared/clock';

const USAGE =
  'usage: npm run -s import -- --format csv FILE [--mapping FILE.json] [--region KATO] [--rejects FILE] [--train-topics] [--no-classify] [--defer-indexes] [--batch N] [--writers N] [--write copy|insert] [--json]';

function fail(code: number, msg: string): never {
  console.error(msg);
  process.exit(code);
}

const n = (x: number) => x.toLocaleString('en-US');

export function formatSummary(s: ImportSummary): string {
  const c = s.classification;
  const lines = [
    `Imported ${s.file} (${s.sourceSystem}) into ${s.region.nameRu} (${s.region.kato})`,
    `  rows read          ${n(s.rowsRead)}`,
    `  imported           ${n(s.imported)}${s.registrationNumbers.first ? `  (${s.registrationNumbers.first} … ${s.registrationNumbers.last})` : ''}`,
    `  already imported   ${n(s.duplicates)}  (same source id: left as they were)`,
    `  rejected           ${n(s.rejected)}${s.rejectsFile ? `  → ${s.rejectsFile}` : ''}`,
    ...s.rejectReasons.slice(0, 5).map((r) => `      ${n(r.count).padStart(7)} × ${r.reason}`),
    `  with it            ${n(s.assignments)} assignments, ${n(s.responses)} responses, ${n(s.applicants)} applicant links; ${s.createdTopics} topics and ${s.createdOrganizations} organizations created`,
    c.model
      ? `  topic suggestions  ${n(c.suggested)} by model v${c.model.version} (${c.model.labels} topics${c.model.trainedHere ? `, trained here on ${n(c.model.trainDocs ?? 0)} rows${c.model.holdoutAccuracy != null ? `, hold-out accuracy ${c.model.holdoutAccuracy.toFixed(3)}` : ''}` : ''}); ${n(c.confident)} at or above ${c.threshold}; ${n(c.reviewRequired)} left for a person`
      : `  topic suggestions  none: ${c.note}`,
    `  time               ${s.seconds.total.toFixed(1)} s${s.seconds.training ? ` (training ${s.seconds.training.toFixed(1)} s)` : ''}; import ${s.seconds.import.toFixed(1)} s = ${n(s.appealsPerSecond)} appeals/s, ${n(s.rowsPerSecond)} rows/s`,
    `  where the time went classify ${s.seconds.classify.toFixed(1)} s; writes by ${s.writers} writer(s) (COPY, indexes, triggers) ${Object.entries(s.seconds.writeByTable)
      .map(([t, x]) => `${t} ${x.toFixed(1)} s`)
      .join(', ')}; text index merge ${s.seconds.indexMerge.toFixed(1)} s${s.indexes.deferred.length ? `; ${s.indexes.deferred.length} deferred indexes rebuilt in ${s.seconds.indexRebuild.toFixed(1)} s` : ''}`,
    ...(s.indexes.restoredFromEarlierRun.length ? [`  restored          ${s.indexes.restoredFromEarlierRun.length} indexes an earlier failed import had dropped: ${s.indexes.restoredFromEarlierRun.join(', ')}`] : []),
    `  CPU                import ${s.cpu.nodeSeconds.toFixed(1)} s, database ${s.cpu.databaseSeconds == null ? 'not measurable (another host)' : `${s.cpu.databaseSeconds.toFixed(1)} s`}${s.cpu.microsecondsPerAppeal ? ` = ${s.cpu.microsecondsPerAppeal} µs per appeal` : ''}`,
    `  memory (RSS)       at the first row ${s.memory.startMb} MB, peak ${s.memory.peakMb} MB, at the end ${s.memory.endMb} MB (${s.memory.samples.length} samples over the run)`,
  ];
  return lines.join('\n');
}

async function main() {
  let values;
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      allowPositionals: true,
      options: {
        format: { type: 'string' },
        mapping: { type: 'string' },
        region: { type: 'string' },
        rejects: { type: 'string' },
        'train-topics': { type: 'boolean', default: false },
        'no-classify': { type: 'boolean', default: false },
        'defer-indexes': { type: 'boolean', default: false },
        batch: { type: 'string' },
        write: { type: 'string' },
        writers: { type: 'string' },
        json: { type: 'boolean', default: false },
        help: { type: 'boolean', default: false },
      },
    }));
  } catch (e: any) {
    fail(2, `${e.message}\n${USAGE}`);
  }
  if (values.help) fail(0, USAGE);
  if (values.format !== 'csv') fail(2, `--format csv is required (the only format so far)\n${USAGE}`);
  if (positionals.length !== 1) fail(2, `Give exactly one file to import\n${USAGE}`);
  const file = positionals[0];
  if (!existsSync(file)) fail(2, `No such file: ${file}`);
  if (!values.mapping) fail(2, `--mapping FILE.json is required (see imports/spb-portal.json for an example)\n${USAGE}`);
  const batch = values.batch ? Number(values.batch) : undefined;
  if (batch !== undefined && (!Number.isInteger(batch) || batch < 1 || batch > 100_000)) fail(2, '--batch must be 1-100000');
  if (values.write && values.write !== 'copy' && values.write !== 'insert') fail(2, '--write must be copy or insert');
  const writers = values.writers ? Number(values.writers) : 2;
  if (!Number.isInteger(writers) || writers < 1 || writers > 8) fail(2, '--writers must be 1-8');

  let mapping;
  try {
    mapping = loadMapping(values.mapping);
  } catch (e) {
    if (e instanceof MappingError) fail(2, e.message);
    throw e;
  }
  let config;
  try {
    config = loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) fail(2, e.message);
    throw e;
  }
  const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, poolMax: writers + 1 });
  try {
    await seedReferenceData(db.orm.em.fork() as any);
    const summary = await runImport(db.orm, {
      file,
      mapping,
      regionKato: values.region ?? null,
      rejectsFile: values.rejects ?? null,
      batchSize: batch,
      write: (values.write as 'copy' | 'insert' | undefined) ?? (db.kind === 'pglite' ? 'insert' : 'copy'),
      writers: db.kind === 'pglite' ? 1 : writers,
      trainTopics: values['train-topics'],
      classify: !values['no-classify'],
      deferIndexes: values['defer-indexes'],
      calendar: WorkingCalendar.default(),
      now: systemClock.now,
      progress: values.json ? undefined : createProgressReporter(),
    });
    if (values.json) console.log(JSON.stringify(summary, null, 2));
    else console.log(formatSummary(summary));
  } catch (e) {
    if (e instanceof ImportSetupError || e instanceof MappingError) {
      await db.close().catch(() => undefined);
      fail(2, e.message);
    }
    throw e;
  } finally {
    await db.close().catch(() => undefined);
  }
  process.exit(0);
}

main().catch((e) => {
  console.error('import failed:', e?.message ?? e);
  process.exit(1);
});
