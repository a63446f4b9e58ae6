import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeIin } from '../../src/applicants/identity-number';
import { query } from '../../src/db/sql';
import { staleDailyCounts, staleFacts } from '../../src/analytics/rollup';
import { runImport, type ImportOptions, type ImportSummary } from '../../src/import/importer';
import type { ImportMapping } from '../../src/import/mapping';
import { ImportSetupError } from '../../src/import/references';
import { ImportedAppealsDocument, RegisterAppealDocument } from '../generated/graphql';
import { appealInput } from '../support/fixtures';
import { startTestApp, type TestApp } from '../support/app';
import { createWorld, tableCounts, type TestWorld } from '../support/world';

const run = promisify(execFile);

/** A legacy system's export: our own columns and texts (written for this test). */
const HEADER = ['ref', 'raion', 'received', 'essence', 'short', 'theme', 'history', 'final', 'answered_at', 'answer', 'executor', 'iin', 'fio', 'address'];

const MAPPING: ImportMapping = {
  sourceSystem: 'legacy-otinish',
  timezone: '+05:00',
  fields: {
    sourceId: { column: 'ref' },
    receivedAt: { column: 'received' },
    text: { column: 'essence' },
    summary: { column: 'short' },
    form: { value: 'application' },
    channel: { value: 'eotinish' },
  },
  adminUnit: { column: 'raion', matchByName: true },
  topic: { column: 'theme', codePrefix: 'LEGACY.T_', branch: { code: 'LEGACY', nameRu: 'Темы прежней системы' } },
  addressee: { nameRu: 'Аппарат акима Алматинской области', kind: 'akim_apparatus', level: 'region' },
  executor: { columns: ['executor'], kind: 'state_body', level: 'region', rules: [{ pattern: 'района$', kind: 'district_akimat', level: 'district' }] },
  status: {
    timelineColumn: 'history',
    finalColumn: 'final',
    statuses: { принято: 'registered', направлено: 'assigned', исполняется: 'in_progress', 'дан ответ': 'answered', закрыто: 'closed' },
  },
  response: { textColumn: 'answer', atColumn: 'answered_at', decision: { column: 'final', values: { закрыто: 'satisfied' }, default: 'explained' } },
  applicant: { required: false, iin: { column: 'iin' }, fullName: { column: 'fio' }, address: { column: 'address' } },
};

const IIN_AIGERIM = makeIin('1990-01-01', 'female', 13);
const BAD_IIN = IIN_AIGERIM.slice(0, 11) + String((Number(IIN_AIGERIM[11]) + 1) % 10);

const csvLine = (fields: string[]) => fields.map((f) => (/[",\n]/.test(f) ? `"${f.replace(/"/g, '""')}"` : f)).join(',');
const csv = (rows: string[][]) => [HEADER, ...rows].map(csvLine).join('\n') + '\n';

const ROWS = {
  closed: [
    'L-1', 'Енбекшиказахский', '2026-11-10 10:00', 'В селе Шелек по улице Абая, 12 вторую неделю нет питьевой воды, просим восстановить подачу.',
    'Нет воды в Шелеке', 'WATER', '2026-11-10 10:00=принято|2026-11-11 09:00=направлено|2026-11-16 15:00=дан ответ|2026-11-18 11:00=закрыто', 'закрыто',
    '2026-11-16 15:00', 'Подача воды восстановлена 16 ноября после замены насоса.', 'Аппарат акима Енбекшиказахского района',
    IIN_AIGERIM, 'Сапарова Айгерим Нурлановна', 'Енбекшиказахский район, с. Шелек, ул. Абая, 12',
  ],
  inProgress: [
    'L-2', 'Жамбылский', '2026-11-13 19:00', 'На трассе у села Узынагаш глубокие ямы, асфальт разрушен, просим отремонтировать дорогу.',
    'Ямы на дороге', 'ROADS', '2026-11-13 19:00=принято|2026-11-16 10:00=направлено|2026-11-17 12:00=исполняется', 'исполняется',
    '', '', 'Управление пассажирского транспорта и автомобильных дорог', '', '', '',
  ],
  tooShort: ['L-3', 'Жамбылский', '2026-11-12 11:00', 'Вода!', '', 'WATER', '2026-11-12 11:00=принято', 'принято', '', '', '', '', '', ''],
  registered: [
    'L-4', 'Енбекшиказахский', '2026-11-20 09:15', 'Просим установить уличное освещение на улице Жибек жолы в селе Есик, вечером очень темно.',
    'Освещение улицы', '', '2026-11-20 09:15=принято', 'принято', '', '', '', '', '', '',
  ],
  badPlaceAndIin: [
    'L-5', 'Марсианский', '2026-11-12 11:00', 'Прошу разобраться с незаконной свалкой строительного мусора за школой номер три.',
    '', 'ECOLOGY', '2026-11-12 11:00=принято', 'принято', '', '', '', BAD_IIN, 'Ахметов Болат', 'с. Есик, ул. Абая, 1',
  ],
};

describe('bulk import of a legacy system’s appeals', () => {
  let app: TestApp;
  let w: TestWorld;
  let dir: string;
  const file = (name: string, content: string | Buffer) => {
    const p = join(dir, name);
    writeFileSync(p, content);
    return p;
  };
  const importFile = (path: string, over: Partial<ImportOptions> = {}): Promise<ImportSummary> =>
    runImport(app.database.db.orm, {
      file: path,
      mapping: MAPPING,
      regionKato: '190000000',
      rejectsFile: join(dir, 'rejects.csv'),
      write: app.database.db.kind === 'pglite' ? 'insert' : 'copy',
      writers: app.database.db.kind === 'pglite' ? 1 : 2,
      calendar: app.calendar,
      now: app.clock.now,
      ...over,
    });
  const imported = async (filter: Record<string, unknown> = {}) =>
    (await app.ok(ImportedAppealsDocument, { filter: { adminUnitId: w.region.id, ...filter }, first: 50 }, w.users.head.token)).appeals;

  beforeAll(async () => {
    app = await startTestApp();
    w = await createWorld(app);
    app.clock.set('2026-11-27T12:00:00+05:00');
    dir = mkdtempSync(join(tmpdir(), 'baqylau-import-'));
  });
  afterAll(async () => {
    await app?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('imports the good rows with numbers, deadlines, executors and answers, keeps registered history that fails today’s art. 63 rules with a flag, and lists the bad rows with their reasons', async () => {
    const before = await tableCounts(app);
    const s = await importFile(file('legacy.csv', csv([ROWS.closed, ROWS.inProgress, ROWS.tooShort, ROWS.registered, ROWS.badPlaceAndIin, ROWS.closed])));
    expect({ rows: s.rowsRead, imported: s.imported, duplicates: s.duplicates, rejected: s.rejected }).toEqual({
      rows: 6,
      imported: 4, // row 3's essence ("Вода!") is too short for a new registration, but the old system registered it
      duplicates: 1, // row 6 repeats row 1's source id
      rejected: 1,
    });
    expect(s.withRegistrationDefects).toBe(1);
    expect(s.registrationNumbers).toEqual({ first: 'ALM-2026-000001', last: 'ALM-2026-000004' });
    expect(s.classification.model).toBeNull();
    expect(s.classification.note).toMatch(/no topic model in this database yet/);
    expect({ assignments: s.assignments, responses: s.responses, applicants: s.applicants }).toEqual({ assignments: 2, responses: 1, applicants: 1 });

    const rejects = readFileSync(join(dir, 'rejects.csv'), 'utf8').trim().split('\n');
    expect(rejects[0]).toBe(`row,reason,${HEADER.join(',')}`);
    expect(rejects.slice(1).map((l) => l.split(',').slice(0, 2).join(','))).toEqual([
      `5,"applicant.iin: The IIN is not valid: it must be 12 digits with a real birth date and a correct check digit; adminUnit: unknown district ""Марсианский"" (not in the mapping's units nor in the region)"`,
    ]);
    expect(rejects[1]).toContain(`,L-5,Марсианский,2026-11-12 11:00,`);

    const after = await tableCounts(app);
    expect({
      appeal: after.appeal - before.appeal,
      assignment: after.assignment - before.assignment,
      response: after.response - before.response,
      applicant: after.applicant - before.applicant,
      appeal_applicant: after.appeal_applicant - before.appeal_applicant,
      history_event: after.history_event - before.history_event,
      registrationCounter: after.registrationCounter - before.registrationCounter,
    }).toEqual({ appeal: 4, assignment: 2, response: 1, applicant: 1, appeal_applicant: 1, history_event: 4, registrationCounter: 4 });

    const list = await imported();
    expect(list.totalCount).toBe(4);
    const [closed, inProgress, tooShort, registered] = list.edges.map((e) => e.node);
    const TOO_SHORT = 'text: The essence of the appeal is too short: at least 10 letters or digits are needed (APPK art. 63)';
    expect(tooShort).toMatchObject({ registrationNumber: 'ALM-2026-000003', text: 'Вода!', status: 'REGISTERED', registrationDefects: [TOO_SHORT] });
    expect(tooShort.history[0].after).toMatchObject({ sourceId: 'L-3', registrationDefects: [TOO_SHORT] });
    expect(closed.registrationDefects).toEqual([]);
    expect(closed).toMatchObject({
      registrationNumber: 'ALM-2026-000001',
      status: 'CLOSED',
      form: 'APPLICATION',
      channel: 'EOTINISH',
      language: 'RU',
      receivedAt: '2026-11-10T05:00:00.000Z',
      registrationDate: '2026-11-10',
      dueDate: '2026-12-01',
      forwardDueDate: '2026-11-13',
      answeredAt: '2026-11-16T10:00:00.000Z',
      closedAt: '2026-11-18T06:00:00.000Z',
      summary: 'Нет воды в Шелеке',
      adminUnit: { kato: '194000000', nameRu: 'Енбекшиказахский' },
      region: { kato: '190000000' },
      addressee: { nameRu: 'Аппарат акима Алматинской области' },
      topic: { code: 'LEGACY.T_WATER', nameRu: 'WATER' },
      topicSource: 'PERSON',
      topicReviewRequired: false,
      machineTopic: null,
      applicants: [{ kind: 'INDIVIDUAL', iin: IIN_AIGERIM, fullName: 'Сапарова Айгерим Нурлановна' }],
      assignments: [{ role: 'LEAD', dueDate: '2026-12-01', organization: { nameRu: 'Аппарат акима Енбекшиказахского района', kind: 'DISTRICT_AKIMAT' } }],
      responses: [
        {
          decision: 'SATISFIED',
          reviewState: 'ACCEPTED',
          text: 'Подача воды восстановлена 16 ноября после замены насоса.',
          submittedAt: '2026-11-16T10:00:00.000Z',
          organization: { nameRu: 'Аппарат акима Енбекшиказахского района' },
          author: { fullName: 'Импорт из legacy-otinish' },
        },
      ],
    });
    expect(closed.history).toHaveLength(1);
    expect(closed.history[0]).toMatchObject({ action: 'import', actorRole: 'system', requestId: s.runId });
    expect(closed.history[0].after).toMatchObject({
      sourceSystem: 'legacy-otinish',
      sourceId: 'L-1',
      row: 1,
      registrationNumber: 'ALM-2026-000001',
      status: 'closed',
      timeline: [
        { at: '2026-11-10T05:00:00.000Z', status: 'registered', source: 'принято' },
        { at: '2026-11-11T04:00:00.000Z', status: 'assigned', source: 'направлено' },
        { at: '2026-11-16T10:00:00.000Z', status: 'answered', source: 'дан ответ' },
        { at: '2026-11-18T06:00:00.000Z', status: 'closed', source: 'закрыто' },
      ],
    });
    // received Friday 19:00, after hours: registered on Monday; still with its executor, no answer yet
    expect(inProgress).toMatchObject({
      registrationNumber: 'ALM-2026-000002',
      status: 'IN_PROGRESS',
      registrationDate: '2026-11-16',
      dueDate: '2026-12-04',
      answeredAt: null,
      applicants: [],
      responses: [],
      assignments: [{ role: 'LEAD', organization: { nameRu: 'Управление пассажирского транспорта и автомобильных дорог', kind: 'STATE_BODY' } }],
    });
    // no topic in the source and no model: a person has to decide
    expect(registered).toMatchObject({ registrationNumber: 'ALM-2026-000004', status: 'REGISTERED', topic: null, topicReviewRequired: true, assignments: [] });

    const [run1] = await query<{ status: string; rows_read: number; imported: number; duplicates: number; rejected: number }>(
      app.database.db.orm.em.fork() as any,
      'select status, rows_read, imported, duplicates, rejected from import_run where id = ?',
      [s.runId],
    );
    expect(run1).toEqual({ status: 'finished', rows_read: 6, imported: 4, duplicates: 1, rejected: 1 });
    // the analytics facts were refreshed once per batch, after the assignments and answers: nothing stale
    const em = app.database.db.orm.em.fork() as any;
    expect(await staleFacts(em)).toEqual([]);
    expect(await staleDailyCounts(em)).toEqual([]);
    const [fact] = await query<{ lead_org_id: string | null; answered_date: string | null }>(
      em,
      "select f.lead_org_id, f.answered_date::text as answered_date from appeal_fact f join appeal a on a.id = f.appeal_id where a.registration_number = 'ALM-2026-000001'",
    );
    expect(fact.lead_org_id).not.toBeNull();
    expect(fact.answered_date).toBe('2026-11-16');
    // the flagged record counts in analytics like any other appeal of its district and day
    const [counted] = await query<{ n: number }>(
      em,
      "select count(*)::int as n from appeal_fact f join appeal a on a.id = f.appeal_id where a.registration_number = 'ALM-2026-000003' and f.received_date = '2026-11-12'",
    );
    expect(counted.n).toBe(1);
  });

  it('a new registration through the API keeps the rule: "Автохлам" alone is refused, nothing written', async () => {
    const before = await tableCounts(app);
    const r = await app.gql(RegisterAppealDocument, { input: appealInput(w, { text: 'Автохлам', receivedAt: '2026-11-27T10:00:00+05:00' }) }, w.users.specialist.token);
    expect(r.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'text' });
    expect(r.errors?.[0].message).toMatch(/too short/);
    expect(await tableCounts(app)).toEqual(before);
  });

  it('importing the same file again leaves one copy of every appeal', async () => {
    const before = await tableCounts(app);
    const s = await importFile(join(dir, 'legacy.csv'));
    expect({ imported: s.imported, duplicates: s.duplicates, rejected: s.rejected }).toEqual({ imported: 0, duplicates: 5, rejected: 1 });
    expect(s.registrationNumbers).toEqual({ first: null, last: null });
    expect(await tableCounts(app)).toEqual(before);
    expect((await imported()).totalCount).toBe(4);
  });

  it('reads gzip-compressed files, and only the new rows of a later export go in', async () => {
    const later = [
      'L-6', 'Жамбылский', '2026-11-24 12:00', 'Просим отремонтировать мост через арык на улице Толе би в селе Узынагаш.',
      'Ремонт моста', 'ROADS', '2026-11-24 12:00=принято|2026-11-25 09:00=направлено', 'направлено', '', '', 'Аппарат акима Жамбылского района', '', '', '',
    ];
    const s = await importFile(file('later.csv.gz', gzipSync(csv([ROWS.inProgress, later]))));
    expect({ rows: s.rowsRead, imported: s.imported, duplicates: s.duplicates, rejected: s.rejected }).toEqual({ rows: 2, imported: 1, duplicates: 1, rejected: 0 });
    expect(s.rejectsFile).toBeNull();
    const list = await imported({ receivedFrom: '2026-11-24T00:00:00+05:00' });
    expect(list.edges.map((e) => [e.node.registrationNumber, e.node.status, e.node.assignments[0]?.organization.kind])).toEqual([
      ['ALM-2026-000005', 'ASSIGNED', 'DISTRICT_AKIMAT'],
    ]);
  });

  it('reads a spreadsheet export with a BOM, CRLF line ends and line breaks inside quotes; a record with a broken quote is rejected with its row', async () => {
    const text = [
      'M-1', 'Жамбылский', '2026-11-25 10:00', 'Во дворе дома 7 по улице Сейфуллина в Узынагаше\nсломаны качели, дети могут пострадать, просим заменить.',
      'Качели, двор', '', '2026-11-25 10:00=принято', 'принято', '', '', '', '', '', '',
    ];
    const broken = 'M-2,Жамбылский,"2026-11-25 11:00"x,Просим убрать снег на остановке у школы,,,,принято,,,,,,';
    const lines = [HEADER, text].map(csvLine).join('\r\n') + '\r\n' + broken + '\r\n';
    const before = await tableCounts(app);
    const s = await importFile(file('export.csv', '\uFEFF' + lines));
    expect({ rows: s.rowsRead, imported: s.imported, rejected: s.rejected }).toEqual({ rows: 2, imported: 1, rejected: 1 });
    expect((await tableCounts(app)).appeal - before.appeal).toBe(1);
    const rejects = readFileSync(join(dir, 'rejects.csv'), 'utf8').split('\n');
    expect(rejects[1]).toMatch(/^2,malformed CSV record: a quoted field is not closed before the end of the file/);
    const [node] = (await imported({ receivedFrom: '2026-11-25T00:00:00+05:00' })).edges.map((e) => e.node);
    expect(node).toMatchObject({ summary: 'Качели, двор', text: expect.stringContaining('Узынагаше\nсломаны качели') });
  });

  it('an unknown region stops the import before anything is written', async () => {
    const before = await tableCounts(app);
    await expect(importFile(join(dir, 'legacy.csv'), { regionKato: '999999999' })).rejects.toBeInstanceOf(ImportSetupError);
    expect(await tableCounts(app)).toEqual(before);
  });

  it('with --train-topics every imported appeal gets the machine’s suggestion from a model trained on the file', async () => {
    const water = ['нет холодной воды в доме', 'прорвало водопровод во дворе', 'слабый напор воды в кране', 'вода ржавая из крана идёт', 'отключили водоснабжение без предупреждения'];
    const roads = ['яма на дороге у остановки', 'разбитый асфальт на улице', 'дорогу не чистят от снега', 'нужен ремонт дорожного покрытия', 'колея на проезжей части'];
    const rows: string[][] = [];
    for (let i = 0; i < 24; i++) {
      const isWater = i % 2 === 0;
      const phrase = (isWater ? water : roads)[i % 5];
      rows.push([
        `T-${i}`, i % 3 ? 'Жамбылский' : 'Енбекшиказахский', `2026-11-${String(2 + (i % 20)).padStart(2, '0')} 10:00`,
        `Жители сообщают: ${phrase}, дом ${i + 1}. Просим принять меры.`, '', isWater ? 'WATER' : 'ROADS', '', 'принято', '', '', '', '', '', '',
      ]);
    }
    const s = await importFile(file('labelled.csv', csv(rows)), { trainTopics: true, mapping: { ...MAPPING, sourceSystem: 'legacy-trained' } });
    expect(s.imported).toBe(24);
    expect(s.classification.model).toMatchObject({ version: 1, labels: 2, trainedHere: true, trainDocs: 24 });
    expect(s.classification.suggested).toBe(24);
    const list = await imported({ receivedTo: '2026-11-10T00:00:00+05:00' });
    const trained = list.edges.map((e) => e.node).filter((n) => n.history[0].after?.sourceSystem === 'legacy-trained');
    expect(trained.length).toBeGreaterThan(0);
    for (const n of trained) {
      expect(n.machineModelVersion).toBe(1);
      expect(n.machineTopic?.code).toBe(n.topic?.code);
      expect(n.topicSource).toBe('PERSON');
      expect(n.machineTopicConfidence).toBeGreaterThan(0.5);
    }
  });

  it('writing with multi-row INSERT (the embedded database) gives the same appeals as COPY', async () => {
    const s = await importFile(join(dir, 'legacy.csv'), { write: 'insert', mapping: { ...MAPPING, sourceSystem: 'legacy-insert' } });
    expect({ imported: s.imported, duplicates: s.duplicates, rejected: s.rejected }).toEqual({ imported: 4, duplicates: 1, rejected: 1 });
    const nodes = (await imported({ receivedFrom: '2026-11-10T00:00:00+05:00', receivedTo: '2026-11-21T00:00:00+05:00' })).edges.map((e) => e.node);
    // the same but for what says which run it was (ids, numbers, the source system's author) and the topic model,
    // which exists only since the previous test
    const strip = (n: (typeof nodes)[number]) => ({
      ...n,
      id: undefined,
      registrationNumber: undefined,
      history: undefined,
      machineTopic: undefined,
      machineModelVersion: undefined,
      machineTopicConfidence: undefined,
      topicSource: undefined,
      topic: undefined,
      topicReviewRequired: undefined,
      responses: n.responses.map((r) => ({ ...r, author: undefined })),
    });
    const bySource = (sys: string) => nodes.filter((n) => n.history[0].after?.sourceSystem === sys).map(strip);
    expect(bySource('legacy-insert')).toHaveLength(4);
    expect(bySource('legacy-insert')).toEqual(bySource('legacy-otinish'));
  });

  it('batches written in parallel on two connections give one copy of a row the file repeats, and consecutive numbers', async () => {
    const rows = [ROWS.closed, ROWS.inProgress, ROWS.closed, ROWS.registered, ROWS.inProgress, ROWS.closed];
    const s = await importFile(file('repeats.csv', csv(rows)), { batchSize: 1, mapping: { ...MAPPING, sourceSystem: 'legacy-parallel' } });
    expect({ imported: s.imported, duplicates: s.duplicates, rejected: s.rejected, writers: s.writers }).toEqual({
      imported: 3,
      duplicates: 3,
      rejected: 0,
      writers: app.database.db.kind === 'pglite' ? 1 : 2,
    });
    const [{ n, numbers }] = await query<{ n: number; numbers: string[] }>(
      app.database.db.orm.em.fork() as any,
      `select count(*)::int as n, array_agg(registration_number order by registration_number) as numbers
         from appeal where source_system = 'legacy-parallel'`,
    );
    expect(n).toBe(3);
    expect(new Set(numbers).size).toBe(3);
  });

  it('a first load with deferred indexes builds every index again; one a failed run left dropped is restored by the next run', async () => {
    const em = () => app.database.db.orm.em.fork() as any;
    const indexes = async () =>
      (await query<{ d: string }>(em(), `select indexdef as d from pg_indexes where schemaname = current_schema() order by indexname`)).map((r) => r.d);
    const before = await indexes();
    const s = await importFile(join(dir, 'legacy.csv'), { deferIndexes: true, mapping: { ...MAPPING, sourceSystem: 'legacy-deferred' } });
    expect(s.imported).toBe(4);
    expect(s.indexes.deferred).toEqual(expect.arrayContaining(['appeal_text_trgm_index', 'appeal_received_at_id_index', 'assignment_organization_id_assigned_at_index']));
    expect(s.indexes.deferred).not.toContain('history_event_appeal_id_at_index');
    expect(s.indexes.deferred).not.toContain('assignment_appeal_id_index'); // the analytics triggers look rows up by it
    expect(s.indexes.deferred).not.toContain('appeal_source_system_source_id_unique');
    expect(await indexes()).toEqual(before);

    // an import that died after dropping: its run says which indexes it had deferred
    const [trgm] = await query<{ definition: string }>(em(), `select indexdef as definition from pg_indexes where indexname = 'appeal_text_trgm_index'`);
    await query(em(), 'drop index appeal_text_trgm_index');
    await query(
      em(),
      `insert into import_run (id, region_id, source_system, file_name, started_at, status, summary)
       values (gen_random_uuid(), ?, 'legacy-crashed', 'x.csv', now(), 'running', ?::jsonb)`,
      [w.region.id, JSON.stringify({ deferredIndexes: [{ name: 'appeal_text_trgm_index', table: 'appeal', definition: trgm.definition }] })],
    );
    const next = await importFile(join(dir, 'legacy.csv'));
    expect(next.indexes.restoredFromEarlierRun).toEqual(['appeal_text_trgm_index']);
    expect(await indexes()).toEqual(before);
  });

  it('the command line: a gzip file in, a JSON summary out; a broken mapping exits with code 2 and writes nothing', async () => {
    if (app.database.db.kind === 'pglite') return; // the embedded database takes one connection: the test app holds it
    const url = app.database.db.orm.config.get('clientUrl')!;
    const mappingFile = file('mapping.json', JSON.stringify({ ...MAPPING, sourceSystem: 'legacy-cli' }));
    const gz = file('cli.csv.gz', gzipSync(csv([ROWS.closed, ROWS.badPlaceAndIin])));
    const env = { ...process.env, DATABASE_URL: url, LOG_LEVEL: 'silent' };
    const { stdout } = await run(
      'npx',
      ['tsx', 'src/import/cli.ts', '--format', 'csv', gz, '--mapping', mappingFile, '--region', '190000000', '--rejects', join(dir, 'cli-rejects.csv'), '--json'],
      { env },
    );
    const summary = JSON.parse(stdout) as ImportSummary;
    expect({ rows: summary.rowsRead, imported: summary.imported, rejected: summary.rejected, rejectsFile: summary.rejectsFile }).toEqual({
      rows: 2,
      imported: 1,
      rejected: 1,
      rejectsFile: join(dir, 'cli-rejects.csv'),
    });

    const before = await tableCounts(app);
    const broken = file('broken.json', JSON.stringify({ ...MAPPING, status: { finalColumn: 'final', statuses: { принято: 'accepted' } } }));
    const failed = await run('npx', ['tsx', 'src/import/cli.ts', '--format', 'csv', gz, '--mapping', broken, '--region', '190000000'], { env }).catch((e) => e);
    expect(failed.code).toBe(2);
    expect(failed.stderr).toContain('status.statuses["принято"]: "accepted" is not one of');
    expect(await tableCounts(app)).toEqual(before);
  });
});
